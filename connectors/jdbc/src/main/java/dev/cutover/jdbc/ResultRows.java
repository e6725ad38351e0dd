package dev.cutover.jdbc;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.schema.ColumnDef;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The one loop that reads a query's rows as canonical {@link RowImage}s, each value read by the
 * dialect: the row reader, the applier's locked reads and batch copies all read a row the same way.
 * Stateless.
 */
public final class ResultRows {

    /** Takes one row; may throw to abort the read. */
    @FunctionalInterface
    public interface RowSink<E extends Exception> {
        void accept(RowImage row) throws E;
    }

    private ResultRows() {
    }

    /**
     * Runs {@code statement}, whose result columns are {@code columns} in that order, and hands
     * each row to {@code sink}.
     *
     * @return the number of rows read
     * @throws E what {@code sink} threw; the rest of the rows are not read
     */
    public static <E extends Exception> long read(SqlDialect dialect, PreparedStatement statement, List<ColumnDef> columns,
            RowSink<E> sink) throws SQLException, E {
        long count = 0;
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                RowImage.Builder row = RowImage.builder(columns.size());
                for (int i = 0; i < columns.size(); i++) {
                    row.put(columns.get(i).name(), dialect.read(rs, i + 1, columns.get(i)));
                }
                sink.accept(row.build());
                count++;
            }
        }
        return count;
    }
}
