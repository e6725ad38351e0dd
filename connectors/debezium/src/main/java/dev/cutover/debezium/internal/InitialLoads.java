package dev.cutover.debezium.internal;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.TableId;
import dev.cutover.debezium.BulkLoader;
import dev.cutover.debezium.CaptureException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
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
    private final BulkLoader bulk;
    /** What went wrong on a copy's thread after its copy: thrown on the engine's thread, which stops the capture. */
    private volatile CaptureException deferred;
    /** What the ledger holds: the tables whose load was requested from Debezium, or copied. */
    private final Set<TableId> recorded;
    private boolean requested;

    /**
     * @param captureName {@code <bridge>/<side>} for messages
     * @param captured every captured table
     * @param chunkSize the rows per chunk, for the log
     * @param resyncs told about the notifications and rows of loads, to follow the resyncs in it
     * @param bulk copies the tables it can itself; {@link BulkLoader#NONE} leaves every load to Debezium
     */
    public InitialLoads(String captureName, LoadPlan plan, LoadLedger ledger, SignalTable signalTable, Connector connector,
            Set<TableId> captured, int chunkSize, Resyncs resyncs, BulkLoader bulk) {
        this.resyncs = resyncs;
        this.bulk = bulk;
        this.recorded = new LinkedHashSet<>(plan.requested());
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
        CaptureException failed = deferred;
        if (failed != null) {
            throw failed;
        }
        resyncs.markStreaming();
        if (!pending()) {
            return;
        }
        List<TableId> copied = plan.pending().stream().filter(bulk::copies).toList();
        List<TableId> snapshotted = plan.pending().stream().filter(t -> !copied.contains(t)).toList();
        if (!snapshotted.isEmpty()) {
            requestSnapshot(snapshotted);
        }
        requested = true;
        if (!copied.isEmpty()) {
            LOG.info("capture {} copies the existing rows of {} itself, in parallel chunks", captureName, copied);
            bulk.copy(copied).whenComplete((gaveUp, failure) -> afterCopy(copied, gaveUp, failure));
        }
    }

    /**
     * Records the copied tables as loaded and hands the ones the copy gave up to Debezium's
     * incremental snapshot; a copy that failed gives up every table. Runs on the copy's thread.
     */
    private void afterCopy(List<TableId> copied, Set<TableId> gaveUp, Throwable failure) {
        if (failure instanceof CancellationException) {
            LOG.debug("capture {}: the copy of {} was cancelled with the capture", captureName, copied);
            return;
        }
        Set<TableId> snapshotted = gaveUp;
        if (failure != null) {
            LOG.warn("capture {}: copying the existing rows of {} failed ({}); Debezium's incremental snapshot loads them instead",
                    captureName, copied, failure.getMessage());
            snapshotted = Set.copyOf(copied);
        }
        try {
            Set<TableId> loaded = snapshotted;
            record(copied.stream().filter(t -> !loaded.contains(t)).toList());
            if (!snapshotted.isEmpty()) {
                requestSnapshot(List.copyOf(snapshotted));
            }
        } catch (CaptureException e) {
            deferred = e;
        }
    }

    /**
     * Inserts one {@code execute-snapshot} signal for {@code tables}, then records them in the ledger.
     *
     * @throws CaptureException when the signal cannot be inserted or the ledger not written
     */
    private void requestSnapshot(List<TableId> tables) {
        String signalId = "cutover-load-" + UUID.randomUUID();
        try (Connection c = connector.open()) {
            signalTable.insert(c, signalId, SnapshotSignals.EXECUTE_SNAPSHOT, SnapshotSignals.incrementalSnapshotOf(tables));
        } catch (SQLException e) {
            throw new CaptureException("capture " + captureName + " cannot request the load of the existing rows of " + tables
                    + ": inserting into signal table " + signalTable.table() + " failed (the capture's user needs INSERT on it): "
                    + e.getMessage(), e);
        }
        record(tables);
        resyncs.loadRequested(tables);
        LOG.info("capture {} requested loading the existing rows of {} (incremental snapshot in chunks of {} rows, signal {} in {})",
                captureName, tables, chunkSize, signalId, signalTable.table());
    }

    /** Adds {@code tables} to the ledger; called from the engine's thread and from a copy's. */
    private synchronized void record(Collection<TableId> tables) {
        recorded.addAll(tables);
        try {
            ledger.write(recorded);
        } catch (IOException e) {
            throw new CaptureException("capture " + captureName + " loaded or requested the existing rows of " + tables
                    + " but cannot record it in " + ledger.file() + "; a restart will load them again: " + e.getMessage(), e);
        }
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
