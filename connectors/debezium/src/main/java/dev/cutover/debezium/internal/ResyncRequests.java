package dev.cutover.debezium.internal;

import dev.cutover.core.condition.RowCondition;
import dev.cutover.core.event.TableId;
import dev.cutover.debezium.BulkLoader;
import dev.cutover.debezium.CaptureException;
import dev.cutover.debezium.ResyncProgress;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-copies a table, or the rows a condition selects, recorded in {@link Resyncs} so its progress
 * can be followed: in bulk where the capture's {@link BulkLoader} copies the table, otherwise by
 * asking a streaming capture's Debezium engine with one {@code execute-snapshot} signal in the
 * signal table. The condition is resolved against the table's columns as the database
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
    private final Supplier<BulkLoader> bulk;

    /** @param bulk copies a table in bulk where it can ({@link BulkLoader#copies}), as the capture has it when asked */
    public ResyncRequests(String captureName, int chunkSize, OwnTableSql sql, SignalTable signals, Resyncs resyncs,
            Connector connector, Supplier<BulkLoader> bulk) {
        this.captureName = Objects.requireNonNull(captureName, "captureName");
        this.chunkSize = chunkSize;
        this.sql = Objects.requireNonNull(sql, "sql");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.resyncs = Objects.requireNonNull(resyncs, "resyncs");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.bulk = Objects.requireNonNull(bulk, "bulk");
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
            BulkLoader loader = bulk.get();
            if (loader.copies(table)) {
                copyInBulk(loader, id, table, filter);
                return requested;
            }
            signal(c, id, table, filter);
        } catch (SQLException e) {
            resyncs.remove(id);
            throw signalFailed(table, e);
        } catch (RuntimeException e) {
            resyncs.remove(id);
            throw e;
        }
        return requested;
    }

    private void signal(Connection c, String id, TableId table, String filter) throws SQLException {
        String data = filter == null ? SnapshotSignals.incrementalSnapshotOf(List.of(table))
                : SnapshotSignals.incrementalSnapshotOf(table, filter);
        signals.insert(c, "cutover-" + id, SnapshotSignals.EXECUTE_SNAPSHOT, data);
        LOG.info("capture {} requested resync {} of {}{} (incremental snapshot in chunks of {} rows)", captureName, id,
                table, filter == null ? "" : " where " + filter, chunkSize);
    }

    private CaptureException signalFailed(TableId table, SQLException e) {
        return new CaptureException("capture " + captureName + " cannot request the resync of " + table
                + ": inserting into signal table " + signals.table() + " failed (the capture's user needs INSERT on it): "
                + e.getMessage(), e);
    }

    /**
     * Has {@code loader} copy the rows again; when it cannot (a row that does not map, a value
     * {@code COPY} refuses), the incremental snapshot re-copies them, dead-lettering what does not fit.
     */
    private void copyInBulk(BulkLoader loader, String id, TableId table, String filter) {
        LOG.info("capture {} resync {} of {}{}: copying in bulk", captureName, id, table, filter == null ? "" : " where " + filter);
        loader.resync(table, filter, rows -> resyncs.onChunkCopied(id, rows)).whenComplete((rows, failure) -> {
            if (failure == null) {
                resyncs.ended(id, ResyncProgress.State.FINISHED, "copied " + rows + " rows in bulk");
            } else if (failure instanceof CancellationException) {
                resyncs.ended(id, ResyncProgress.State.ABORTED, "the capture restarted or stopped before the bulk copy ended");
            } else {
                LOG.warn("capture {} resync {} of {}: the bulk copy stopped ({}); the incremental snapshot copies the rows instead",
                        captureName, id, table, failure.getMessage());
                try (Connection c = connector.open()) {
                    signal(c, id, table, filter);
                } catch (SQLException | RuntimeException e) {
                    resyncs.ended(id, ResyncProgress.State.FAILED, "the bulk copy stopped (" + failure.getMessage()
                            + ") and the incremental snapshot could not be requested: " + e.getMessage());
                }
            }
        });
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
