package dev.cutover.core.mapping;

import dev.cutover.core.event.TableId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A binding's mapping as declared, before it is checked against the real table schemas.
 *
 * @param legacyTable the legacy table
 * @param newTable the new table
 * @param key the legacy key columns; empty means the legacy table's primary key
 * @param columns explicit rules for legacy columns; a legacy column without a rule maps to the new
 *     column of the same name
 * @param newDefaults constants for new columns that no legacy column feeds, keyed by new column
 *     name; values as the configuration file spells them (String, Number or Boolean)
 * @param legacyDefaults constants for legacy columns that no new column feeds (used by the inverse
 *     mapping), keyed by legacy column name
 * @param customMapper the fully qualified class name of a {@link CustomRowMapper}, or null
 * @param customOptions options passed to the custom mapper
 */
public record TableMappingSpec(
        TableId legacyTable,
        TableId newTable,
        List<String> key,
        List<ColumnRule> columns,
        Map<String, Object> newDefaults,
        Map<String, Object> legacyDefaults,
        String customMapper,
        Map<String, String> customOptions) {

    public TableMappingSpec {
        Objects.requireNonNull(legacyTable, "legacyTable");
        Objects.requireNonNull(newTable, "newTable");
        key = key == null ? List.of() : List.copyOf(key);
        columns = columns == null ? List.of() : List.copyOf(columns);
        newDefaults = copy(newDefaults);
        legacyDefaults = copy(legacyDefaults);
        customOptions = customOptions == null ? Map.of() : Map.copyOf(customOptions);
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
