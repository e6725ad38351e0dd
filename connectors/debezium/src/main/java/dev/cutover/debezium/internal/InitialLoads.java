package dev.cutover.debezium.internal;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.TableId;
import dev.cutover.debezium.CaptureException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests the loads of existing rows a {@link LoadPlan} calls for, and follows their progress.
 *
 * <p><b>Requesting.</b> The first time the engine hands over a record that proves it streams
 * ({@link #onStreaming()}), this inserts one {@code execute-snapshot} signal for the pending tables
 * into the signal table, then records them in the {@link LoadLedger}. Not earlier: a signal must
 * commit after the position streaming starts from, and after Debezium has added the signal table
 * to the publication (it does so when streaming starts), or the signal would never be read. The
 * signal row itself is durable in the log: a crash after it committed replays it from the stored
 * position (or, with none stored, the plan requests the loads again).
 *
 * <p><b>Progress.</b> Debezium reports loads through notifications ({@link #onNotification}):
 * each start and each finished table is logged at INFO. A table scan Debezium gave up on (a SQL
 * error, an unknown schema) would leave the table half loaded, so for a captured table it stops
 * the capture with a {@link CaptureException}; the batch is not committed, and a restart retries
 * the load from its last acknowledged chunk. Notifications and loaded rows are also passed to the
 * {@link Resyncs}; a failed table scan of a table being resynced fails that resync only (the table
 * was loaded before, and streaming goes on).
 *
 * <p>Called by the engine's polling thread only, one batch at a time; not thread-safe.
 */
public final class InitialLoads {

    private static final Logger LOG = LoggerFactory.getLogger(InitialLoads.class);

    /** Opens a connection to the captured database in auto-commit mode. */
    @FunctionalInterface
    public interface Connector {
        Connection open() throws SQLException;
    }

    private final String captureName;
    private final LoadPlan plan;
    private final LoadLedger ledger;
    private final SignalTable signalTable;
    private final Connector connector;
    private final Set<TableId> captured;
    private final int chunkSize;
    private final Resyncs resyncs;
    private final Set<TableId> warnedUncaptured = new HashSet<>();
    private boolean requested;

    /**
     * @param captureName {@code <bridge>/<side>} for messages
     * @param captured every captured table
     * @param chunkSize the rows per chunk, for the log
     * @param resyncs told about the notifications and rows of loads, to follow the resyncs in it
     */
    public InitialLoads(String captureName, LoadPlan plan, LoadLedger ledger, SignalTable signalTable, Connector connector,
            Set<TableId> captured, int chunkSize, Resyncs resyncs) {
        this.resyncs = resyncs;
        this.captureName = captureName;
        this.plan = plan;
        this.ledger = ledger;
        this.signalTable = signalTable;
        this.connector = connector;
        this.captured = Set.copyOf(captured);
        this.chunkSize = chunkSize;
    }

    /** True while a load is still to be requested. */
    public boolean pending() {
        return !requested && !plan.pending().isEmpty();
    }

    /**
     * Requests the pending loads, once; later calls do nothing.
     *
     * @throws CaptureException when the signal cannot be inserted or the ledger not written
     */
    public void onStreaming() {
        resyncs.markStreaming();
        if (!pending()) {
            return;
        }
        List<TableId> tables = plan.pending();
        String signalId = "cutover-load-" + UUID.randomUUID();
        try (Connection c = connector.open()) {
            signalTable.insert(c, signalId, SnapshotSignals.EXECUTE_SNAPSHOT, SnapshotSignals.incrementalSnapshotOf(tables));
        } catch (SQLException e) {
            throw new CaptureException("capture " + captureName + " cannot request the load of the existing rows of " + tables
                    + ": inserting into signal table " + signalTable.table() + " failed (the capture's user needs INSERT on it): "
                    + e.getMessage(), e);
        }
        try {
            ledger.write(plan.afterRequest());
        } catch (IOException e) {
            throw new CaptureException("capture " + captureName + " requested the load of the existing rows of " + tables
                    + " but cannot record it in " + ledger.file() + "; a restart will request it again: " + e.getMessage(), e);
        }
        requested = true;
        resyncs.loadRequested(tables);
        LOG.info("capture {} requested loading the existing rows of {} (incremental snapshot in chunks of {} rows, signal {} in {})",
                captureName, tables, chunkSize, signalId, signalTable.table());
    }

    /**
     * Logs a notification and stops the capture when a captured table's load was given up.
     *
     * @throws CaptureException when Debezium gave up loading a captured table
     */
    public void onNotification(LoadNotification n) {
        if (resyncs.onNotification(n)) {
            LOG.info("capture {}: resync of {} ended: {} ({} rows read)", captureName, n.scannedTable(),
                    n.scanComplete() ? "finished" : "Debezium gave up (" + n.scanOutcome() + "); the capture goes on streaming",
                    n.rowsScanned());
            return;
        }
        switch (n.status()) {
            case STARTED -> LOG.info("capture {} started reading the existing rows of {} (a first load or a resync)", captureName,
                    n.tables());
            case TABLE_SCAN_COMPLETED -> onTableScanned(n);
            case COMPLETED -> LOG.info("capture {} finished reading existing rows: no load or resync is left", captureName);
            case ABORTED -> LOG.warn("capture {}: the load of the existing rows of {} was stopped by a stop-snapshot signal; those tables"
                    + " are not completely loaded", captureName, n.tables());
            case PAUSED, RESUMED -> LOG.info("capture {}: loading existing rows {}", captureName, n.status().name().toLowerCase());
            default -> LOG.debug("capture {}: load {} {}", captureName, n.status(), n.data());
        }
    }

    /** Counts a row a load delivered towards the resync of its table, if one runs. */
    public void onData(ChangeEvent event) {
        if (event.operation() == Operation.READ) {
            resyncs.onRead(event.table(), 1);
        }
    }

    /** Warns, once per table, that rows of a table no longer captured are dropped. */
    public void onUncapturedRead(TableId table) {
        if (warnedUncaptured.add(table)) {
            LOG.warn("capture {} drops the rows Debezium still loads from table {}, which the capture no longer captures", captureName,
                    table);
        }
    }

    private void onTableScanned(LoadNotification n) {
        String table = n.scannedTable();
        if (n.scanComplete()) {
            LOG.info("capture {} finished loading the existing rows of {}: {} rows read", captureName, table, n.rowsScanned());
            return;
        }
        if (isCaptured(table)) {
            throw new CaptureException("capture " + captureName + " stopped: Debezium gave up loading the existing rows of " + table
                    + " (" + n.scanOutcome() + ", see Debezium's log for the cause) after " + n.rowsScanned() + " rows; the position was"
                    + " not committed, so a restart retries the load from its last acknowledged chunk", null);
        }
        LOG.warn("capture {}: Debezium gave up loading table {} ({}), which the capture no longer captures", captureName, table,
                n.scanOutcome());
    }

    private boolean isCaptured(String schemaDotTable) {
        return captured.stream().anyMatch(t -> (t.schema() + "." + t.table()).equals(schemaDotTable));
    }
}
