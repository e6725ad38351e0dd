package dev.cutover.debezium.internal;

import dev.cutover.core.condition.RowCondition;
import dev.cutover.core.event.TableId;
import dev.cutover.debezium.CaptureException;
import dev.cutover.debezium.ResyncProgress;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a streaming capture's Debezium engine to re-copy a table, or the rows a condition selects:
 * one {@code execute-snapshot} signal in the signal table, recorded in {@link Resyncs} so its
 * progress can be followed. The condition is resolved against the table's columns as the database
 * lists them now and written as that database's SQL (Debezium cannot bind values), then tried in a
 * query that reads no row, so a mistake fails here rather than in a snapshot. Thread-safe as its
 * parts.
 */
public final class ResyncRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ResyncRequests.class);

    /** Opens a connection to the captured database; the caller closes it. */
    @FunctionalInterface
    public interface Connector {
        Connection open() throws SQLException;
    }

    private final String captureName;
    private final int chunkSize;
    private final OwnTableSql sql;
    private final SignalTable signals;
    private final Resyncs resyncs;
    private final Connector connector;

    public ResyncRequests(String captureName, int chunkSize, OwnTableSql sql, SignalTable signals, Resyncs resyncs,
            Connector connector) {
        this.captureName = Objects.requireNonNull(captureName, "captureName");
        this.chunkSize = chunkSize;
        this.sql = Objects.requireNonNull(sql, "sql");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.resyncs = Objects.requireNonNull(resyncs, "resyncs");
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    /**
     * Signals the resync of {@code table} ({@code condition} null: every row) and records it.
     *
     * @throws IllegalArgumentException when the condition names a column the table does not have or the database refuses it
     * @throws IllegalStateException when {@link Resyncs} refuses it (a load or resync of the table is not done)
     * @throws CaptureException when the signal cannot be written
     */
    public ResyncProgress request(TableId table, RowCondition condition) {
        String id = "resync-" + UUID.randomUUID().toString().substring(0, 8);
        ResyncProgress requested = resyncs.add(id, table, condition == null ? null : condition.text());
        String filter = null;
        try (Connection c = connector.open()) {
            if (condition != null) {
                filter = "(" + sql.condition(condition.resolve(sql.columns(c, table), table.toString())) + ")";
                tryCondition(c, table, filter);
            }
            String data = filter == null ? SnapshotSignals.incrementalSnapshotOf(List.of(table))
                    : SnapshotSignals.incrementalSnapshotOf(table, filter);
            signals.insert(c, "cutover-" + id, SnapshotSignals.EXECUTE_SNAPSHOT, data);
        } catch (SQLException e) {
            resyncs.remove(id);
            throw new CaptureException("capture " + captureName + " cannot request the resync of " + table
                    + ": inserting into signal table " + signals.table() + " failed (the capture's user needs INSERT on it): "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            resyncs.remove(id);
            throw e;
        }
        LOG.info("capture {} requested resync {} of {}{} (incremental snapshot in chunks of {} rows)", captureName, id,
                table, filter == null ? "" : " where " + filter, chunkSize);
        return requested;
    }

    /** Runs the condition in a query that reads no row, so a mistake in it fails here, not in Debezium. */
    private void tryCondition(Connection c, TableId table, String filter) {
        try (Statement s = c.createStatement()) {
            s.setMaxRows(1);
            s.executeQuery("SELECT 1 FROM " + sql.qualified(table) + " WHERE 1 = 0 AND " + filter).close();
        } catch (SQLException e) {
            throw new IllegalArgumentException("the resync condition " + filter + " does not work on table " + table + ": "
                    + e.getMessage(), e);
        }
    }
}
