package dev.cutover.jdbc.internal;

import dev.cutover.jdbc.ApplyMarker;
import dev.cutover.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes an applier's {@link ApplyMarker} row as the first statement of a transaction, creating
 * the marker table before the first marker if it is missing. Outlives sessions: the table is
 * looked for once per applier. Not thread-safe.
 */
public final class ApplyMarkerWriter {

    private final ApplyMarker marker;
    private final SqlDialect dialect;
    private final String upsertSql;
    private boolean tableReady;

    public ApplyMarkerWriter(ApplyMarker marker, SqlDialect dialect) {
        this.marker = marker;
        this.dialect = dialect;
        this.upsertSql = dialect.applyMarkerStatement(marker.table());
    }

    /**
     * Upserts the marker row in the connection's open transaction. Must run before anything else
     * is written in that transaction: creating a missing table commits on its own first.
     */
    void mark(Connection connection, StatementCache statements, Instant appliedAt) throws SQLException {
        if (!tableReady) {
            ensureTable(connection);
            tableReady = true;
        }
        PreparedStatement upsert = statements.get(upsertSql);
        upsert.setString(1, marker.bridge());
        upsert.setObject(2, OffsetDateTime.ofInstant(appliedAt, ZoneOffset.UTC));
        upsert.executeUpdate();
    }

    /** Looks first, so that a user without CREATE on the schema can use a table created for it. */
    private void ensureTable(Connection connection) throws SQLException {
        if (!CatalogQueries.columns(connection.getMetaData(), dialect, marker.table()).isEmpty()) {
            return;
        }
        try (Statement create = connection.createStatement()) {
            create.execute(dialect.applyMarkerTableStatement(marker.table()));
        }
        connection.commit();
    }
}
