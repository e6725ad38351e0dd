package dev.cutover.debezium;

import dev.cutover.core.event.TableId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One table a capture reads, with the columns that identify its rows.
 *
 * <p>The key columns usually are the primary key. When they differ from it (a table without
 * primary key, or one identified by a unique business key), the capture tells Debezium to key
 * records by them; deletes and updates then need the table's replica identity to cover them
 * ({@code REPLICA IDENTITY FULL} or {@code USING INDEX}).
 *
 * @param table the table, qualified by its schema
 * @param keyColumns the identifying columns in key order; not empty, no blanks, no duplicates
 * @param inSync true when the other side already holds the table's rows (a binding whose direction
 *     was just switched, verified equal): a capture first reading it loads no existing rows
 */
public record CapturedTable(TableId table, List<String> keyColumns, boolean inSync) {

    public CapturedTable {
        Objects.requireNonNull(table, "table");
        keyColumns = List.copyOf(Objects.requireNonNull(keyColumns, "keyColumns"));
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("captured table " + table + " needs at least one key column");
        }
        Set<String> seen = new HashSet<>();
        for (String column : keyColumns) {
            if (column.isBlank()) {
                throw new IllegalArgumentException("captured table " + table + " has a blank key column name");
            }
            if (!seen.add(column)) {
                throw new IllegalArgumentException("captured table " + table + " names key column '" + column + "' twice");
            }
        }
    }

    /** A table whose existing rows are loaded when a capture first reads it. */
    public CapturedTable(TableId table, List<String> keyColumns) {
        this(table, keyColumns, false);
    }

    /** A table keyed by {@code keyColumns}. */
    public static CapturedTable of(TableId table, String... keyColumns) {
        return new CapturedTable(table, List.of(keyColumns));
    }
}
