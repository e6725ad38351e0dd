package dev.cutover.jdbc.internal;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.SqlDialect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One target table as the applier writes it: its schema, its delete statement, one upsert shape
 * (upsert, insert-if-absent, partial update) per column set seen in after images, and its locking
 * reads by key count.
 * Independent of any connection.
 *
 * <p>Not thread-safe (upsert shapes are memoized on first use); one applier owns it.
 */
public final class TableTarget {

    private final TableSchema schema;
    private final SqlDialect dialect;
    private final Map<String, ColumnDef> columnsByName = new LinkedHashMap<>();
    private final ColumnDef[] keyColumns;
    private final String deleteSql;
    private final Map<Set<String>, UpsertShape> shapes = new HashMap<>();
    private final Map<Integer, String> lockSql = new HashMap<>();

    /** @throws IllegalArgumentException when the table has no key */
    public TableTarget(TableSchema schema, SqlDialect dialect) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        if (schema.keyColumns().isEmpty()) {
            throw new IllegalArgumentException("table " + schema.table()
                    + " has no key: give it a primary key or configure its key columns");
        }
        schema.columns().forEach(c -> columnsByName.put(c.name(), c));
        this.keyColumns = schema.keyColumns().stream().map(columnsByName::get).toArray(ColumnDef[]::new);
        this.deleteSql = dialect.deleteStatement(schema);
    }

    public TableSchema schema() {
        return schema;
    }

    /** The key columns in key order, which are the delete statement's parameters. Shared: do not modify. */
    ColumnDef[] keyColumns() {
        return keyColumns;
    }

    String deleteSql() {
        return deleteSql;
    }

    /** The locking read of {@code keyCount} keys ({@link SqlDialect#selectForUpdateStatement}), built once per count. */
    String lockSql(int keyCount) {
        return lockSql.computeIfAbsent(keyCount, n -> dialect.selectForUpdateStatement(schema, n));
    }

    /** True when {@code image} has a value for every column of the table. */
    boolean coversAllColumns(RowImage image) {
        return image.size() == columnsByName.size();
    }

    /** The upsert writing exactly the columns of {@code after}; {@code after} must have passed {@link #problemWith}. */
    UpsertShape shapeOf(RowImage after) {
        UpsertShape shape = shapes.get(after.columns());
        if (shape == null) {
            List<ColumnDef> columns = new ArrayList<>(after.size());
            for (ColumnDef column : schema.columns()) {
                if (after.has(column.name())) {
                    columns.add(column);
                }
            }
            List<ColumnDef> setColumns = columns.stream().filter(c -> !schema.keyColumns().contains(c.name())).toList();
            boolean partial = columns.size() < columnsByName.size() && !setColumns.isEmpty();
            shape = new UpsertShape(columns, dialect.upsertStatement(schema, columns), dialect.insertIfAbsentStatement(schema, columns),
                    dialect.insertIfAbsentParameters(schema, columns), schema.keyColumns(),
                    partial ? dialect.updateStatement(schema, setColumns) : null);
            shapes.put(Set.copyOf(after.columns()), shape);
        }
        return shape;
    }

    /**
     * What makes {@code image} unfit for this table (a key column missing, a column the table
     * lacks, a value not of its column's canonical class), or null when it fits. Never quotes values.
     */
    String problemWith(RowImage image) {
        for (ColumnDef key : keyColumns) {
            if (!image.has(key.name())) {
                return "lacks key column '" + key.name() + "' of table " + schema.table();
            }
        }
        for (Map.Entry<String, Object> entry : image.asMap().entrySet()) {
            ColumnDef column = columnsByName.get(entry.getKey());
            if (column == null) {
                return "has column '" + entry.getKey() + "', which table " + schema.table() + " lacks (columns: "
                        + columnsByName.keySet() + ")";
            }
            Object value = entry.getValue();
            if (value != null && !column.type().accepts(value)) {
                return "holds a " + value.getClass().getName() + " in column '" + column.name() + "' of table "
                        + schema.table() + ", whose type " + column.type() + " takes " + column.type().javaType().getName();
            }
        }
        return null;
    }

    /** The key of {@code image}, in key order. */
    RowImage keyOf(RowImage image) {
        return image.project(schema.keyColumns());
    }
}
