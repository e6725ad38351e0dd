package dev.cutover.jdbc.internal;

import dev.cutover.core.schema.ColumnDef;
import java.util.ArrayList;
import java.util.List;

/**
 * How rows with one set of columns are written to one table: the upsert of those columns, the
 * insert of a row read as missing that must not overwrite one inserted meanwhile
 * ({@link #insertSql()}), and, when the set is partial, the update of an existing row by key.
 *
 * <p>A partial image cannot simply be upserted: databases check NOT NULL and CHECK constraints
 * on the proposed insert row (absent columns at their defaults) before they find the conflict,
 * so the upsert of an existing row fails on a NOT NULL column the image lacks. A partial image
 * is therefore written by {@link #updateSql()} first and upserted only where the update found no
 * row. Immutable; compared by identity (each table keeps one instance per column set).
 */
public final class UpsertShape {

    private final ColumnDef[] columns;
    private final String sql;
    private final String insertSql;
    private final ColumnDef[] insertColumns;
    private final ColumnDef[] updateColumns;
    private final String updateSql;

    UpsertShape(List<ColumnDef> columns, String sql, String insertSql, List<ColumnDef> insertColumns, List<String> keyColumns,
            String updateSql) {
        this.columns = columns.toArray(ColumnDef[]::new);
        this.sql = sql;
        this.insertSql = insertSql;
        this.insertColumns = insertColumns.toArray(ColumnDef[]::new);
        this.updateSql = updateSql;
        List<ColumnDef> setThenKey = new ArrayList<>(columns.size());
        columns.stream().filter(c -> !keyColumns.contains(c.name())).forEach(setThenKey::add);
        keyColumns.forEach(k -> setThenKey.add(columns.stream().filter(c -> c.name().equals(k)).findFirst().orElseThrow()));
        this.updateColumns = setThenKey.toArray(ColumnDef[]::new);
    }

    /** The upsert's parameters, in order. Shared: do not modify. */
    ColumnDef[] columns() {
        return columns;
    }

    /** The upsert statement. */
    String sql() {
        return sql;
    }

    /**
     * The insert that leaves a row with the same key alone and reports 0 for it
     * ({@link dev.cutover.jdbc.SqlDialect#insertIfAbsentStatement}); its parameters are {@link #insertColumns()}.
     */
    String insertSql() {
        return insertSql;
    }

    /** The parameters of {@link #insertSql()}, in order ({@link dev.cutover.jdbc.SqlDialect#insertIfAbsentParameters}). Shared: do not modify. */
    ColumnDef[] insertColumns() {
        return insertColumns;
    }

    /** True when an existing row must be updated rather than upserted (a partial image with non-key columns). */
    boolean updatesFirst() {
        return updateSql != null;
    }

    /** The update statement, or null when {@link #updatesFirst()} is false. */
    String updateSql() {
        return updateSql;
    }

    /** The update's parameters, in order: the non-key columns, then the key columns. Shared: do not modify. */
    ColumnDef[] updateColumns() {
        return updateColumns;
    }
}
