package dev.cutover.core.pipeline;

import dev.cutover.core.schema.TableSchema;
import java.util.Objects;

/**
 * A two-way binding as one of its appliers writes it: the binding's name and its table on that
 * applier's side.
 *
 * @param binding the binding name
 * @param schema the binding's table on the applier's side
 */
public record TwoWayTarget(String binding, TableSchema schema) {
    public TwoWayTarget {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(schema, "schema");
    }
}
