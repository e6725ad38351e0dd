package dev.cutover.jdbc.internal;

import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.jdbc.TableCreation;
import dev.cutover.jdbc.ApplyMarker;
import dev.cutover.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Writes an applier's {@link ApplyMarker} row as the first statement of a transaction, creating
 * the marker table before the first marker if it is missing. Outlives sessions: the table is
 * looked for once per applier. Not thread-safe.
 */
public final class ApplyMarkerWriter implements SessionTagger {

    /** The marker's time column, bound as an instant by the dialect (which knows how its driver keeps instants exact). */
    private static final ColumnDef APPLIED_AT = ColumnDef.of("applied_at", ColumnType.TIMESTAMPTZ, "timestamp with time zone", false);

    private final ApplyMarker marker;
    private final SqlDialect dialect;
    private final String upsertSql;
    private boolean tableReady;

    ApplyMarkerWriter(ApplyMarker marker, SqlDialect dialect) {
        this.marker = marker;
        this.dialect = dialect;
        this.upsertSql = dialect.applyMarkerStatement(marker.table());
    }

    @Override
    public void sessionOpened(Connection connection) {
        // Sessions need nothing: every transaction is marked.
    }

    @Override
    public void sessionClosing(Connection connection) {
        // Nothing to release: the marker row stays, one per bridge.
    }

    /**
     * Upserts the marker row in the connection's open transaction. Must run before anything else
     * is written in that transaction: creating a missing table commits on its own first.
     */
    @Override
    public void transactionStarted(Connection connection, StatementCache statements, Instant appliedAt) throws SQLException {
        if (!tableReady) {
            ensureTable(connection);
            tableReady = true;
        }
        PreparedStatement upsert = statements.get(upsertSql);
        upsert.setString(1, marker.bridge());
        dialect.bind(upsert, 2, APPLIED_AT, appliedAt);
        upsert.executeUpdate();
    }

    /**
     * Looks first, so that a user without CREATE on the schema can use a table created for it;
     * the capture of this database may be creating the same table at the same moment.
     */
    private void ensureTable(Connection connection) throws SQLException {
        if (TableCreation.createUnlessExists(connection, c -> !dialect.columns(c, marker.table()).isEmpty(),
                dialect.applyMarkerTableStatement(marker.table()))) {
            connection.commit();
        }
    }
}
