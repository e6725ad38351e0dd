package dev.cutover.jdbc.internal;

import dev.cutover.jdbc.ApplyMarker;
import dev.cutover.jdbc.ApplyOrigin;
import dev.cutover.jdbc.EchoTag;
import dev.cutover.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** Carries out an applier's {@link EchoTag} on its sessions: once when one opens, or first in every transaction. */
public interface SessionTagger {

    /** Called once on a new connection, auto-commit off, before anything is written. */
    void sessionOpened(Connection connection) throws SQLException;

    /** Called once before a session's connection is closed, with no transaction open; may fail on a broken connection. */
    void sessionClosing(Connection connection) throws SQLException;

    /** Called first in every apply transaction. */
    void transactionStarted(Connection connection, StatementCache statements, Instant appliedAt) throws SQLException;

    /** The tagger of {@code tag}; null when {@code tag} is. */
    static SessionTagger of(EchoTag tag, SqlDialect dialect) {
        if (tag instanceof ApplyMarker marker) {
            return new ApplyMarkerWriter(marker, dialect);
        }
        return tag instanceof ApplyOrigin origin ? new OriginTagger(origin) : null;
    }
}
