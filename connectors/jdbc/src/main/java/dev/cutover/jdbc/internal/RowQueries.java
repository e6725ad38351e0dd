package dev.cutover.jdbc.internal;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.ResultRows;
import dev.cutover.jdbc.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Binds the keys of a {@link SqlDialect#selectStatement} and reads its rows (with
 * {@link ResultRows}) as canonical {@link RowImage}s: shared by the row reader and the applier's
 * locked reads. Stateless.
 */
public final class RowQueries {

    /** Bind parameters one statement may carry (pgjdbc's protocol limit is 32767). */
    public static final int MAX_KEY_PARAMETERS = 30_000;

    private RowQueries() {
    }

    /** Binds {@code keys}, key after key, each column in key order, from parameter 1. */
    public static void bindKeys(SqlDialect dialect, PreparedStatement statement, TableSchema table, List<RowImage> keys)
            throws SQLException {
        List<ColumnDef> keyColumns = table.keyColumns().stream().map(k -> table.column(k).orElseThrow()).toList();
        int index = 1;
        for (RowImage key : keys) {
            RowImage projected = key.project(table.keyColumns());
            for (ColumnDef column : keyColumns) {
                dialect.bind(statement, index++, column, projected.get(column.name()));
            }
        }
    }

    /**
     * Runs the query, whose columns are every column of {@code table} in table order, and hands
     * each row to {@code action}.
     *
     * @return the number of rows read
     */
    public static long readRows(SqlDialect dialect, PreparedStatement statement, TableSchema table, Consumer<RowImage> action)
            throws SQLException {
        return ResultRows.read(dialect, statement, table.columns(), action::accept);
    }
}
