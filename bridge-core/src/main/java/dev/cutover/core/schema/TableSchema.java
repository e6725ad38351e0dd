package dev.cutover.core.schema;

import dev.cutover.core.event.TableId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A table's columns in declaration order and its key.
 *
 * @param table the table
 * @param columns the columns in declaration order; never empty
 * @param keyColumns the columns that identify a row (the primary key, or a configured key)
 */
public record TableSchema(TableId table, List<ColumnDef> columns, List<String> keyColumns) {

    public TableSchema {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        keyColumns = List.copyOf(keyColumns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + table + " has no columns");
        }
        Map<String, ColumnDef> byName = index(columns);
        for (String key : keyColumns) {
            if (!byName.containsKey(key)) {
                throw new IllegalArgumentException("key column '" + key + "' is not a column of " + table + " (columns: " + byName.keySet() + ")");
            }
        }
    }

    private static Map<String, ColumnDef> index(List<ColumnDef> columns) {
        Map<String, ColumnDef> byName = new LinkedHashMap<>();
        for (ColumnDef c : columns) {
            if (byName.put(c.name(), c) != null) {
                throw new IllegalArgumentException("column '" + c.name() + "' appears twice");
            }
        }
        return byName;
    }

    /** The column named {@code name}, if the table has it. */
    public Optional<ColumnDef> column(String name) {
        for (ColumnDef c : columns) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Column names in declaration order. */
    public List<String> columnNames() {
        return columns.stream().map(ColumnDef::name).toList();
    }

    /** The same table with another key (a configured key instead of the primary key). */
    public TableSchema withKey(List<String> key) {
        return new TableSchema(table, columns, key);
    }
}
