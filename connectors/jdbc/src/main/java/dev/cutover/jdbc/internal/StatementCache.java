package dev.cutover.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepared statements of one connection, by SQL text, least recently used closed first beyond
 * a capacity. Not thread-safe; lives and dies with its connection.
 */
final class StatementCache implements AutoCloseable {

    private final Connection connection;
    private final LinkedHashMap<String, PreparedStatement> statements;

    StatementCache(Connection connection, int capacity) {
        this.connection = connection;
        this.statements = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                closeQuietly(eldest.getValue());
                return true;
            }
        };
    }

    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /**
     * Drops whatever batch a failed write left pending on any statement, so that the next use
     * starts clean; problems doing so are added to {@code failure}.
     */
    void clearBatches(SQLException failure) {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.clearBatch();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }

    @Override
    public void close() {
        statements.values().forEach(StatementCache::closeQuietly);
        statements.clear();
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // The connection is going or gone; the server frees the statement with it.
        }
    }
}
