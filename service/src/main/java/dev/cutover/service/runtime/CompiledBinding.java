package dev.cutover.service.runtime;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.kafka.BindingRoute;

/**
 * A configured binding checked against the real schemas of both tables.
 *
 * @param options the binding as configured
 * @param mapping the compiled mapping between the two tables
 * @param route where its mapped changes are published and which schema they carry
 */
public record CompiledBinding(BindingOptions options, TableMapping mapping, BindingRoute route) {

    /** The binding's name. */
    public String name() {
        return options.name();
    }
}
