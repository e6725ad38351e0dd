package dev.cutover.cli.check;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.schema.TableSchema;
import java.util.List;

/**
 * One binding checked against the real tables, without changing anything.
 *
 * @param options the binding as configured
 * @param legacySchema the legacy table as read (keyed by the configured key), or null when it could not be read
 * @param newSchema the new table as read, or null when it could not be read
 * @param mapping the compiled mapping, or null when the tables could not be read or the mapping does not compile
 * @param problems everything that does not fit, each located by its configuration path; empty when the binding fits
 */
public record ReviewedBinding(BindingOptions options, TableSchema legacySchema, TableSchema newSchema, TableMapping mapping,
        List<Finding> problems) {

    public ReviewedBinding {
        problems = List.copyOf(problems);
    }

    /** True when the binding fits its tables as {@code cutover run} needs. */
    public boolean fits() {
        return problems.isEmpty();
    }

    /** The table schema on {@code side}, or null when it could not be read. */
    public TableSchema schema(SystemSide side) {
        return side == SystemSide.LEGACY ? legacySchema : newSchema;
    }
}
