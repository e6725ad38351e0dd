package dev.cutover.jdbc.internal;

import dev.cutover.core.event.RowImage;
import dev.cutover.jdbc.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Reads rows by key and locks them until the transaction ends ({@link SqlDialect#selectForUpdateStatement}).
 *
 * <p>Keys are sorted ({@link KeyOrder}) and read in as few statements as the parameter limit
 * allows; each statement locks its rows in key order, so concurrent appliers lock the same rows in
 * the same order. A statement's key count is rounded up to a power of two (the last key repeated),
 * so a handful of statement texts serve every batch and stay prepared. Not thread-safe; lives with
 * its session.
 */
final class RowLocker {

    private final SqlDialect dialect;
    private final StatementCache statements;

    RowLocker(SqlDialect dialect, StatementCache statements) {
        this.dialect = dialect;
        this.statements = statements;
    }

    /** The rows of {@code target} with one of {@code keys}, locked; keys without a row are skipped. */
    List<RowImage> lock(TableTarget target, Collection<RowImage> keys) throws SQLException {
        List<RowImage> sorted = new ArrayList<>(new LinkedHashSet<>(keys));
        sorted.sort(new KeyOrder(target.schema().keyColumns()));
        int perStatement = Integer.highestOneBit(Math.max(1, RowQueries.MAX_KEY_PARAMETERS / target.schema().keyColumns().size()));
        List<RowImage> rows = new ArrayList<>(sorted.size());
        for (int from = 0; from < sorted.size(); from += perStatement) {
            List<RowImage> chunk = new ArrayList<>(sorted.subList(from, Math.min(sorted.size(), from + perStatement)));
            int count = Integer.highestOneBit(chunk.size()) == chunk.size() ? chunk.size() : Integer.highestOneBit(chunk.size()) << 1;
            RowImage last = chunk.get(chunk.size() - 1);
            while (chunk.size() < count) {
                chunk.add(last);
            }
            PreparedStatement statement = statements.get(target.lockSql(count));
            RowQueries.bindKeys(dialect, statement, target.schema(), chunk);
            RowQueries.readRows(dialect, statement, target.schema(), rows::add);
        }
        return rows;
    }
}
