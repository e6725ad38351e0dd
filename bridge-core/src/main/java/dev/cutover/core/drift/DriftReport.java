package dev.cutover.core.drift;

import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import java.util.List;
import java.util.Objects;

/**
 * How one table of a binding drifted from its compiled mapping.
 *
 * @param binding the binding
 * @param side the side whose table drifted
 * @param table that table
 * @param differences every difference found, compatible ones too, in column order
 */
public record DriftReport(String binding, SystemSide side, TableId table, List<SchemaDifference> differences) {

    public DriftReport {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(table, "table");
        differences = List.copyOf(differences);
    }

    /** The differences the compiled mapping cannot carry. */
    public List<SchemaDifference> incompatible() {
        return differences.stream().filter(d -> !d.compatible()).toList();
    }

    /** True when some difference is incompatible: the binding must wait until the configuration or the table is fixed. */
    public boolean blocking() {
        return differences.stream().anyMatch(d -> !d.compatible());
    }

    /** For logs and status: binding, table and each incompatible difference with its fix. */
    public String describe() {
        StringBuilder s = new StringBuilder("binding '").append(binding).append("': ").append(side.label()).append(" table ")
                .append(table).append(blocking() ? " no longer fits the compiled mapping" : " changed compatibly");
        for (SchemaDifference d : blocking() ? incompatible() : differences) {
            s.append("; ").append(d.describe());
        }
        return s.toString();
    }
}
