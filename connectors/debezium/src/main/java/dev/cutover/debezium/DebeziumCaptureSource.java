package dev.cutover.debezium;

import dev.cutover.core.condition.RowCondition;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ChangeBatchHandler;
import dev.cutover.core.pipeline.spi.ChangeSource;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.debezium.internal.BatchDispatcher;
import dev.cutover.debezium.internal.BatchGate;
import dev.cutover.debezium.internal.CanonicalValues;
import dev.cutover.debezium.internal.CaptureFlavour;
import dev.cutover.debezium.internal.CapturePreparation;
import dev.cutover.debezium.internal.EchoFilter;
import dev.cutover.debezium.internal.EchoMarkerTable;
import dev.cutover.debezium.internal.HeartbeatTable;
import dev.cutover.debezium.internal.InitialLoads;
import dev.cutover.debezium.internal.LoadLedger;
import dev.cutover.debezium.internal.OwnTableSql;
import dev.cutover.debezium.internal.RecordClassifier;
import dev.cutover.debezium.internal.ResyncRequests;
import dev.cutover.debezium.internal.Resyncs;
import dev.cutover.debezium.internal.SignalTable;
import dev.cutover.debezium.internal.SourceRecordConverter;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.embedded.Connect;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures the row changes of one database with Debezium's embedded engine and hands them, as
 * canonical {@link dev.cutover.core.event.ChangeEvent}s in commit order, to a
 * {@link ChangeBatchHandler}: {@link PostgresCaptureSource} for PostgreSQL,
 * {@link MariaDbCaptureSource} for MariaDB; {@link #create} chooses by the JDBC URL. What follows
 * holds for both; the subclasses describe what is particular to their database.
 *
 * <p><b>Commit contract.</b> The handler gets each batch of data changes in one call. Only after
 * it returns are the batch's records marked processed; Debezium then stores the position in the
 * offset file (every {@link CaptureOptions#offsetFlushInterval()}, and when stopping). When the
 * handler throws, or a change cannot be converted, nothing of the batch is marked: the source
 * stops, reports the error through {@link #failure()}, and a new source on the same offset file
 * delivers the batch again. So a restart loses nothing, and repeats at most what was not yet
 * acknowledged (plus, after a crash of the process, what was acknowledged within the last flush
 * interval).
 *
 * <p><b>On start</b> the capture thread checks the server's setup and that every captured table
 * exists and logs its key columns (else it fails, naming the setting or statement that fixes it),
 * and creates the heartbeat table and the signal table if they are missing. Heartbeats (every
 * {@link CaptureOptions#heartbeatInterval()}) write to the heartbeat table, so an idle capture
 * keeps moving its committed position on; each is reported to
 * {@link PipelineListener#onHeartbeat(String)} with the side's label.
 *
 * <p><b>Existing rows</b> ({@link SnapshotMode#INITIAL}) are never read by Debezium's blocking
 * snapshot, which, killed half way, starts over at a later position and never reports the rows
 * deleted in between. Once the capture streams, it asks Debezium through the signal table for an
 * incremental snapshot of every table whose existing rows it has not asked for before: all tables
 * on the first start, a table added later alone. Debezium reads such a table in chunks between
 * watermarks while streaming goes on, drops from a chunk every row a streamed change touched
 * meanwhile, and delivers the rest as {@code READ} events, interleaved with the streamed changes
 * and under the same commit contract; the load's progress is part of the committed position, so
 * a restart resumes it after the last acknowledged chunk. The tables asked for are recorded next
 * to the offset file ({@code <offset file>.snapshots}); that record counts only while a stored
 * position exists (and, on PostgreSQL, the slot), otherwise every table is loaded again. Loads
 * are logged at INFO as they are requested, start and finish per table; a load Debezium gives up
 * on stops the capture.
 *
 * <p><b>Resyncs</b> ({@link #requestResync}) re-copy a captured table, or the rows a restricted
 * condition selects, the same way once the capture streams: one {@code execute-snapshot} signal
 * with {@code additional-conditions}; their progress ({@link ResyncProgress}) is followed from
 * Debezium's notifications and the rows delivered, and kept in memory (a restart resumes the copy
 * from the stored position, but no longer lists it). A resync Debezium gives up on fails alone;
 * the capture goes on.
 *
 * <p><b>Echoes</b> (two-way sync, {@link CaptureOptions#suppressesEchoes()}): the appliers
 * writing into this database upsert a marker row naming their bridge as the first statement of
 * each transaction. The capture creates the marker table when it is missing, captures it, and
 * drops every change of a transaction whose marker names this capture's bridge: that transaction
 * is the bridge's own write coming back. Dropped changes are reported to
 * the handler's {@link ChangeBatchHandler#onSkipped} with reason {@code echo} and counted in {@link #echoesSkipped()}.
 * A marked transaction is committed only as a whole: while the capture has read part of it, the
 * committed position stays before its marker, so a capture restarted in between (after a stop or
 * a crash) reads the marker again and drops the whole transaction again, never delivering its
 * rest as changes of the application. Markers of other bridges suppress nothing.
 *
 * <p><b>Lifecycle.</b> {@link #start} once; {@link #stop} signals and returns at once: a batch in
 * hand is finished and committed, then the engine shuts down, committing every acknowledged
 * position; {@link #awaitStop} waits for that; {@link #close} does both and is idempotent.
 *
 * <p><b>Threads.</b> The engine runs on a thread named {@code cutover-<bridge>-capture-<side>};
 * Debezium calls the handler from its own polling thread, one batch at a time. All public methods
 * are thread-safe.
 */
public abstract class DebeziumCaptureSource implements ChangeSource {

    private static final Logger LOG = LoggerFactory.getLogger(DebeziumCaptureSource.class);
    private static final Duration ENGINE_CLOSE_RETRY = Duration.ofMillis(50);

    /** Where the source is in its lifecycle. */
    public enum State {
        /** Built, not started. */
        CREATED,
        /** Started: preparing, snapshotting or streaming. */
        RUNNING,
        /** A stop was requested; the engine is shutting down. */
        STOPPING,
        /** Stopped on request, or never started. */
        STOPPED,
        /** Stopped by a failure; see {@link #failure()}. */
        FAILED
    }

    private final CaptureOptions options;
    private final CaptureFlavour flavour;
    private final PipelineListener listener;
    private final HeartbeatTable heartbeatTable;
    private final SignalTable signalTable;
    private final EchoMarkerTable echoMarkerTable;
    private final EchoFilter echoes;
    private final String threadName;
    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final BatchGate gate = new BatchGate();
    private volatile BatchDispatcher dispatcher;
    private final Resyncs resyncs = new Resyncs(Clock.systemUTC());
    private final ResyncRequests resyncRequests;
    private volatile BulkLoader bulkLoader = BulkLoader.NONE;
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile ExecutorService executor;

    /**
     * @param options what to capture and how; of the kind {@code flavour} reads
     * @param listener told about heartbeats and echoes; {@link PipelineListener#NONE} when nobody listens
     * @param flavour what is particular to the database
     */
    DebeziumCaptureSource(CaptureOptions options, PipelineListener listener, CaptureKind kind, CaptureFlavour flavour) {
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.flavour = Objects.requireNonNull(flavour, "flavour");
        if (options.kind() != kind) {
            throw new IllegalArgumentException("capture " + options.captureName() + ": a " + getClass().getSimpleName() + " reads "
                    + flavour.databaseName() + " (" + kind.urlForm() + "), not " + options.jdbcUrl()
                    + "; use DebeziumCaptureSource.create to choose by the URL");
        }
        OwnTableSql sql = flavour.ownTables();
        this.heartbeatTable = new HeartbeatTable(options.heartbeatTable(), options.slotName(), sql);
        this.signalTable = new SignalTable(options.signalTable(), sql);
        this.echoMarkerTable = options.suppressesEchoes() ? new EchoMarkerTable(options.echoMarkerTable(), sql) : null;
        this.echoes = options.suppressesEchoes() ? new EchoFilter(options.bridge(), flavour.transactions()) : EchoFilter.off();
        this.threadName = "cutover-" + options.bridge() + "-capture-" + options.side().label();
        this.resyncRequests = new ResyncRequests(options.captureName(), options.snapshotChunkSize(), sql, signalTable, resyncs,
                this::connect, () -> bulkLoader);
    }

    /**
     * The capture of the database {@link CaptureOptions#jdbcUrl()} names: a
     * {@link PostgresCaptureSource} or a {@link MariaDbCaptureSource}.
     *
     * @param listener told about heartbeats and echoes; {@link PipelineListener#NONE} when nobody listens
     */
    public static DebeziumCaptureSource create(CaptureOptions options, PipelineListener listener) {
        return options.kind().newSource(options, listener);
    }

    /**
     * Has {@code loader} copy the existing rows of the tables it copies, instead of Debezium's
     * incremental snapshot; call before {@link #start(ChangeBatchHandler)}.
     *
     * @return this source
     */
    public DebeziumCaptureSource copyingWith(BulkLoader loader) {
        if (state.get() != State.CREATED) {
            throw new IllegalStateException("capture " + options.captureName() + ": a bulk loader is set before the capture starts");
        }
        this.bulkLoader = Objects.requireNonNull(loader, "loader");
        return this;
    }

    /**
     * Starts capturing on the source's own thread and returns at once. Connection and
     * configuration problems surface through {@link #failure()}.
     *
     * @throws IllegalStateException when the source was started or stopped before
     */
    @Override
    public void start(ChangeBatchHandler handler) {
        Objects.requireNonNull(handler, "handler");
        transition(State.CREATED, State.RUNNING);
        LOG.info("capture {} starting: {} as {}, {}, tables {}, existing rows {}", options.captureName(), options.jdbcUrl(),
                options.user(), flavour.describeSource(options), tableNames(), options.snapshotMode());
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> new Thread(r, threadName));
        executor = ex;
        ex.execute(() -> run(handler));
        ex.shutdown();
    }

    @Override
    public void stop() {
        while (true) {
            State current = state.get();
            if (current == State.CREATED && state.compareAndSet(State.CREATED, State.STOPPED)) {
                stopped.countDown();
                return;
            }
            if (current == State.RUNNING && state.compareAndSet(State.RUNNING, State.STOPPING)) {
                LOG.info("capture {} stopping", options.captureName());
                Thread stopper = new Thread(() -> gate.closeAndRun(this::closeEngine), threadName + "-stop");
                stopper.setDaemon(true);
                stopper.start();
                return;
            }
            if (current != State.CREATED && current != State.RUNNING) {
                return;
            }
        }
    }

    @Override
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Throwable failure() {
        return failure.get();
    }

    /**
     * Forgets this stopped capture's place: the server's (a PostgreSQL replication slot), the
     * stored position and the record of loads. For a database no binding captures any more, whose
     * slot would otherwise keep its WAL for ever; a later capture of it starts afresh.
     *
     * @return what was released
     * @throws IllegalStateException when the capture has not stopped
     */
    public String retire() throws SQLException, IOException {
        if (state.get() != State.STOPPED && state.get() != State.FAILED) {
            throw new IllegalStateException("capture " + options.captureName() + " is " + state.get() + "; stop it before retiring it");
        }
        String released = flavour.retire(options);
        Files.deleteIfExists(options.offsetFile());
        Files.deleteIfExists(LoadLedger.besides(options.offsetFile()).file());
        return released + "; deleted its stored position " + options.offsetFile();
    }

    /**
     * When a row of the heartbeat table (see {@link #beat()}) last came through the stream; null
     * before one did.
     */
    public Instant lastHeartbeatRow() {
        BatchDispatcher d = dispatcher;
        return d == null ? null : d.lastHeartbeatRow();
    }

    /** The current lifecycle state. */
    public final State state() {
        return state.get();
    }

    /** How many changes the capture has dropped as echoes of its bridge's own applier; thread-safe. */
    public long echoesSkipped() {
        return echoes.skipped();
    }

    /**
     * Re-copies the rows of one captured table, or those {@code condition} selects, while streaming
     * goes on: writes an {@code execute-snapshot} signal (an incremental snapshot, with the
     * condition as its {@code additional-conditions}) into the capture's signal table. Debezium then
     * reads the rows in chunks between watermarks exactly as for a first load: a row changed while
     * its chunk is read is delivered by streaming, not by the chunk, so nothing is missed or
     * delivered stale; the progress is part of the committed position, so a restart resumes it.
     * The rows come to the handler as {@code READ} events. Rows that exist only in the target are
     * not touched: a resync copies, it does not delete.
     *
     * <p>The condition is checked against the table's columns as the database lists them now, then
     * written as SQL of the captured database (every name quoted, every literal written safely,
     * wrapped in parentheses) for Debezium, which cannot bind values; it is first tried in a query
     * that reads no row, so a mistake in it is reported here rather than by a failed snapshot.
     *
     * @param condition a condition on the table's columns, e.g. {@code id BETWEEN 1 AND 99} as
     *     {@link dev.cutover.core.condition.ConditionParser} reads it; null to re-copy the whole table
     * @return the resync's progress as requested; follow it with {@link #resync(String)}
     * @throws IllegalArgumentException when the table is not captured or the condition is rejected
     *     (it names a column the table does not have, or the database refuses it), naming why
     * @throws IllegalStateException when the capture is not streaming yet, the table's first load of
     *     existing rows has not ended ({@link #loading()}), or a resync of the table is not done
     * @throws CaptureException when the signal cannot be written
     */
    public ResyncProgress requestResync(TableId table, RowCondition condition) {
        Objects.requireNonNull(table, "table");
        if (options.tables().stream().noneMatch(t -> t.table().equals(table))) {
            throw new IllegalArgumentException("capture " + options.captureName() + " does not capture table " + table
                    + "; it captures " + tableNames());
        }
        if (state.get() != State.RUNNING || !resyncs.streaming()) {
            throw new IllegalStateException("capture " + options.captureName() + " is " + state.get()
                    + (state.get() == State.RUNNING ? " but not streaming yet" : "") + "; a resync can be requested once it streams");
        }
        return resyncRequests.request(table, condition);
    }

    /**
     * The tables whose first load of existing rows this capture requested (since it started) and
     * that has not ended yet; empty once every such load ended. A table in it cannot be resynced yet.
     */
    public Set<TableId> loading() {
        return resyncs.loading();
    }

    /** Every resync requested since the capture started, oldest first. */
    public List<ResyncProgress> resyncs() {
        return resyncs.list();
    }

    /** The resync with this id, as {@link #requestResync} returned it, with its progress now. */
    public Optional<ResyncProgress> resync(String id) {
        return resyncs.get(id);
    }

    /** The options this source was built with. */
    public CaptureOptions options() {
        return options;
    }

    /**
     * Stops and waits up to {@link CaptureOptions#shutdownTimeout()}; when the handler still has
     * not returned, interrupts it and waits once more. Idempotent; restores the interrupt flag
     * when interrupted.
     */
    @Override
    public void close() {
        stop();
        Duration timeout = options.shutdownTimeout();
        try {
            if (!awaitStop(timeout)) {
                LOG.warn("capture {} did not stop within {} ms; interrupting the batch in hand", options.captureName(), timeout.toMillis());
                gate.interruptBatch();
                if (!awaitStop(timeout)) {
                    LOG.warn("capture {} still not stopped after {} ms more; abandoning its thread", options.captureName(), timeout.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ExecutorService ex = executor;
            if (ex != null && stopped.getCount() > 0) {
                ex.shutdownNow();
            }
        }
    }

    private void run(ChangeBatchHandler handler) {
        try {
            CapturePreparation prepared = CapturePreparation.prepare(options, flavour, signalTable, heartbeatTable, echoMarkerTable);
            DebeziumEngine<RecordChangeEvent<SourceRecord>> built = buildEngine(handler, prepared);
            engine = built;
            // A stop requested while preparing finds no engine to close; it must not start then.
            if (!gate.isClosed()) {
                built.run();
            }
        } catch (Throwable t) {
            recordFailure(t instanceof CaptureException ce ? ce
                    : new CaptureException("capture " + options.captureName() + " could not start: " + t.getMessage(), t));
        } finally {
            finish();
        }
    }

    private DebeziumEngine<RecordChangeEvent<SourceRecord>> buildEngine(ChangeBatchHandler handler, CapturePreparation prepared) {
        Map<TableId, List<String>> keys = options.tables().stream()
                .collect(Collectors.toMap(CapturedTable::table, CapturedTable::keyColumns));
        SourceRecordConverter converter = new SourceRecordConverter(options.side(), keys, prepared.identities(),
                new CanonicalValues(CanonicalValues.DEFAULT_UNAVAILABLE_PLACEHOLDER), flavour.positions());
        InitialLoads loads = new InitialLoads(options.captureName(), prepared.plan(), prepared.ledger(), signalTable, this::connect,
                keys.keySet(), options.snapshotChunkSize(), resyncs, bulkLoader);
        BatchDispatcher dispatcher = this.dispatcher = new BatchDispatcher(options.captureName(), options.side(), converter,
                new RecordClassifier(heartbeatTable, signalTable, echoMarkerTable, keys.keySet()), echoes, loads, handler, listener, gate,
                this::recordFailure);
        return DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(flavour.properties(options, heartbeatTable, signalTable))
                .notifying(dispatcher)
                .using(this::onEngineCompleted)
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        beat();
                    }
                })
                .build();
    }

    /**
     * Writes a heartbeat row now. Once it comes back through the stream, everything committed
     * before it was captured: right after the task started, the capture sees that it streams (and
     * requests its pending loads) without waiting for Debezium's first heartbeat; a switch's drain
     * learns that what was written before it began has been captured. Only an accelerator: when it
     * fails, Debezium's own heartbeat does the same a little later.
     */
    public void beat() {
        try (Connection c = connect()) {
            heartbeatTable.beat(c);
        } catch (SQLException e) {
            LOG.warn("capture {}: writing a heartbeat row failed; Debezium's next heartbeat does the same later: {}",
                    options.captureName(), e.getMessage());
        }
    }

    private Connection connect() throws SQLException {
        return flavour.connect(options);
    }

    /** Debezium's completion callback, called on the capture thread when the engine has stopped. */
    private void onEngineCompleted(boolean success, String message, Throwable error) {
        if (!success) {
            recordFailure(error instanceof CaptureException ce ? ce
                    : new CaptureException("capture " + options.captureName() + " (" + flavour.describeSource(options) + ") failed: "
                            + message, error));
        }
    }

    private void recordFailure(Throwable t) {
        // After a requested stop, errors are consequences of the shutdown, not why the source stopped.
        if (!gate.isClosed() && failure.compareAndSet(null, t)) {
            LOG.error("capture {} failed", options.captureName(), t);
        }
    }

    /** Runs on the stopper thread with the gate closed: no batch is in hand and none can start. */
    private void closeEngine() {
        try {
            while (stopped.getCount() > 0) {
                DebeziumEngine<RecordChangeEvent<SourceRecord>> current = engine;
                if (current != null) {
                    try {
                        current.close();
                        return;
                    } catch (IllegalStateException e) {
                        // Debezium refuses to close while its tasks start, and twice; retry until it stopped.
                        LOG.debug("capture {}: engine not closable yet: {}", options.captureName(), e.getMessage());
                    }
                }
                stopped.await(ENGINE_CLOSE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (IOException e) {
            LOG.warn("capture {}: closing the engine failed", options.captureName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void finish() {
        flavour.release();
        State target = failure.get() == null ? State.STOPPED : State.FAILED;
        if (!state.compareAndSet(State.RUNNING, target)) {
            transition(State.STOPPING, target);
        }
        LOG.info("capture {} {}", options.captureName(), target == State.STOPPED ? "stopped" : "failed");
        stopped.countDown();
    }

    private void transition(State expected, State next) {
        if (!state.compareAndSet(expected, next)) {
            throw new IllegalStateException("capture " + options.captureName() + " cannot go to " + next + ": expected state " + expected
                    + " but it is " + state.get());
        }
    }

    private List<String> tableNames() {
        return options.tables().stream().map(t -> t.table().toString()).toList();
    }
}
