package dev.cutover.core.mapping;

import java.util.Map;
import java.util.Objects;

/**
 * How one legacy column maps onto the new table, as declared in configuration.
 *
 * @param legacyColumn the legacy column
 * @param newColumn the new column it becomes; null when {@code ignored}
 * @param values value map from legacy values to new values, both written as text the way the
 *     configuration file spells them (e.g. {@code A -> active}); empty for none. Must be one-to-one
 *     for the mapping to be invertible.
 * @param conversion the name of a built-in conversion (see {@code Conversions}), or null
 * @param ignored true when the column has no counterpart and is deliberately not copied
 */
public record ColumnRule(String legacyColumn, String newColumn, Map<String, String> values, String conversion, boolean ignored) {

    public ColumnRule {
        Objects.requireNonNull(legacyColumn, "legacyColumn");
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        if (!ignored && newColumn == null) {
            throw new IllegalArgumentException("column rule for '" + legacyColumn + "' needs a new column or ignore");
        }
    }

    /** A plain rename. */
    public static ColumnRule rename(String legacyColumn, String newColumn) {
        return new ColumnRule(legacyColumn, newColumn, Map.of(), null, false);
    }

    /** A legacy column that is not copied. */
    public static ColumnRule ignore(String legacyColumn) {
        return new ColumnRule(legacyColumn, null, Map.of(), null, true);
    }
}
