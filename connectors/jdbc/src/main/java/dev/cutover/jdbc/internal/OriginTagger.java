package dev.cutover.jdbc.internal;

import dev.cutover.jdbc.ApplyOrigin;
import dev.cutover.jdbc.postgres.ReplicationOrigins;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Sets up one of the bridge's replication origins on every new session and releases it when the
 * session closes; transactions need nothing more. Serves one session at a time, as an applier has.
 */
final class OriginTagger implements SessionTagger {

    private final ApplyOrigin origin;
    private String current;

    OriginTagger(ApplyOrigin origin) {
        this.origin = origin;
    }

    @Override
    public void sessionOpened(Connection connection) throws SQLException {
        current = ReplicationOrigins.setUp(connection, origin.bridge());
    }

    @Override
    public void sessionClosing(Connection connection) throws SQLException {
        String held = current;
        current = null;
        if (held != null) {
            ReplicationOrigins.release(connection, held);
        }
    }

    @Override
    public void transactionStarted(Connection connection, StatementCache statements, Instant appliedAt) {
        // The session's origin tags every transaction already.
    }
}
