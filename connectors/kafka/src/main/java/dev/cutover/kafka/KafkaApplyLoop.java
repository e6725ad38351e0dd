package dev.cutover.kafka;

import dev.cutover.core.drift.DriftListener;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.drift.DriftReport;
import dev.cutover.core.drift.TargetDriftCheck;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.ApplyPipeline;
import dev.cutover.core.pipeline.spi.ApplyException;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.pipeline.spi.ChangeApplier;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.core.retry.Outage;
import dev.cutover.kafka.internal.KafkaClients;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes a bridge's change topics and hands the changes to an {@link ApplyPipeline}, committing
 * consumer offsets only after the target database committed them.
 *
 * <p>One poll is one batch: records are decoded (tombstones skipped; an undecodable record is
 * parked with stage {@code decode}), the changes go to {@link ApplyPipeline#apply} in partition
 * order, attributed to the binding of the topic each was read from; after the drift check below,
 * {@link ApplyPipeline#report} parks the refused changes and reports every outcome, and only then
 * are the offsets committed. A held change counts as done: the applier stored it in the conflict log before
 * committing (or, behind a dead letter, in the dead-letter log), and applies it from there once the
 * conflict is resolved (the dead letter replayed or discarded). A retriable
 * {@link ApplyException} (or an unreachable schemas topic) seeks back to the batch start and polls
 * it again after a capped exponential backoff, by default for as long as it takes (a database
 * down for an hour is waited for), reporting {@link #outage()} and keeping {@link #lag()} fresh
 * meanwhile. Retries exhausted (when limited) or a dead letter that cannot be stored stop the loop
 * with {@link #failure()} set. Offsets are never committed past a batch that was not applied.
 *
 * <p>One binding's trouble holds that binding only ({@link BindingHolds}): its partitions are
 * paused and its changes wait in Kafka, uncommitted, while the other bindings' keep flowing. A
 * batch that fails for good is checked for schema drift first (with {@link #watchDrift}): a binding
 * whose written table no longer fits its compiled mapping is held for drift. Otherwise the batch
 * is applied again binding by binding, and each binding the target refuses again is held for its
 * failure ({@link #onBindingFailure}). An operator may {@link #pause} and {@link #resume} a
 * binding; resuming also releases a failed binding, or a drifted one whose table fits again.
 *
 * <p>Lifecycle: {@link #start} once; {@link #stop} signals (wakes the consumer) and returns;
 * {@link #awaitStop} blocks; {@link #close} does both and is idempotent. The loop runs on its own
 * thread {@code cutover-<bridge>-apply}, which alone uses the consumer. The loop calls the applier
 * from that thread only and holds no lock of its own while it does, so another thread may use an
 * applier that serializes its methods itself (to resolve a parked conflict, say) while the loop
 * runs; such a call delays the next batch, and one that outlasts the consumer's
 * {@code max.poll.interval.ms} costs a rebalance, after which uncommitted records are applied again.
 * The loop does not close the applier or the dead-letter sink: the caller owns them. The other
 * methods are safe from any thread.
 */
public final class KafkaApplyLoop implements AutoCloseable {

    /** The loop's state; changes only forward, by compare-and-set. */
    public enum State { CREATED, RUNNING, STOPPING, STOPPED, FAILED }

    private static final Logger LOG = LoggerFactory.getLogger(KafkaApplyLoop.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final String bridge;
    private final Map<String, String> clientProperties;
    private final List<BindingRoute> routes;
    private final ApplyPipeline pipeline;
    private final RecordDeadLetterSink deadLetters;
    private final PipelineListener listener;
    private final KafkaApplyOptions options;
    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicLong deadLettered = new AtomicLong();
    private final OffsetCommitter committer = new OffsetCommitter();
    private final ApplyLag lag;
    private final BatchRetry retry;
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile Throwable failure;
    private volatile boolean joined;
    private volatile java.util.function.Consumer<Throwable> onFailure;
    private final Object progress = new Object();
    private final BindingHolds holds;

    /**
     * @param bridge the bridge name (thread name, schema namespaces, schemas topic)
     * @param clientProperties {@code bootstrap.servers} and any TLS/SASL settings
     * @param routes the bindings whose topics to consume
     * @param applier writes the changes; called on the loop thread only
     * @param deadLetters parks undecodable records and rejected changes
     * @param listener told of applied, parked, conflicting and held changes
     * @param options group, batch size, retry policy
     */
    public KafkaApplyLoop(String bridge, Map<String, String> clientProperties, List<BindingRoute> routes, ChangeApplier applier,
            RecordDeadLetterSink deadLetters, PipelineListener listener, KafkaApplyOptions options) {
        this(bridge, clientProperties, routes, ApplyPipeline.of(applier, deadLetters, listener, bindingByTable(routes)),
                deadLetters, listener, options);
    }

    /**
     * @param bridge the bridge name (thread name, schema namespaces, schemas topic)
     * @param clientProperties {@code bootstrap.servers} and any TLS/SASL settings
     * @param routes the bindings whose topics to consume
     * @param pipeline applies and reports the changes; called on the loop thread only
     * @param deadLetters parks undecodable records
     * @param listener told of undecodable records parked
     * @param options group, batch size, retry policy
     */
    public KafkaApplyLoop(String bridge, Map<String, String> clientProperties, List<BindingRoute> routes, ApplyPipeline pipeline,
            RecordDeadLetterSink deadLetters, PipelineListener listener, KafkaApplyOptions options) {
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.clientProperties = Map.copyOf(clientProperties);
        this.routes = List.copyOf(routes);
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.options = Objects.requireNonNull(options, "options");
        this.lag = new ApplyLag(bridge);
        this.retry = new BatchRetry(bridge, options, lag, stopSignal);
        if (this.routes.isEmpty()) {
            throw new IllegalArgumentException("apply loop of bridge '" + bridge + "' has no routes to consume");
        }
        KafkaClients.bootstrap(clientProperties);
        Map<String, String> bindingByTopic = new HashMap<>();
        for (BindingRoute route : this.routes) {
            bindingByTopic.put(route.topic(), route.binding());
        }
        this.holds = new BindingHolds(bridge, bindingByTopic, Clock.systemUTC());
    }

    /** The binding writing each target table of {@code routes}, the first where several do. */
    private static Map<TableId, String> bindingByTable(List<BindingRoute> routes) {
        Map<TableId, String> bindingByTable = new HashMap<>();
        routes.forEach(route -> bindingByTable.putIfAbsent(route.targetSchema().table(), route.binding()));
        return bindingByTable;
    }

    /**
     * Pauses a binding whose written table drifted instead of dead-lettering its refused changes or
     * stopping (see the class documentation). Call before {@link #start}.
     *
     * @param check reads a binding's written table and diffs it with the compiled mapping
     * @param listener told when a binding pauses
     */
    public void watchDrift(TargetDriftCheck check, DriftListener listener) {
        requireCreated("drift must be watched before start");
        holds.watchDrift(check, listener);
    }

    /**
     * Holds a binding back instead of stopping when the target refuses its changes for good (see
     * the class documentation), telling {@code listener}. Call before {@link #start}.
     */
    public void onBindingFailure(BindingFailureListener listener) {
        requireCreated("the binding failure listener must be set before start");
        holds.tellFailures(listener);
    }

    /**
     * Pauses {@code report}'s binding from the start, after {@link #watchDrift}: a restart found it
     * still drifted, so its changes keep waiting on its change topic.
     */
    public void pauseAtStart(DriftReport report) {
        requireCreated("a binding pauses for drift at start only");
        holds.holdForDriftAtStart(report);
    }

    /**
     * Pauses applying {@code binding}: between two batches its partitions are paused, so its changes
     * wait on its topic (the capture keeps publishing them) while the other bindings flow. Before
     * {@link #start} it takes effect at once. Idempotent.
     *
     * @return completes with the binding's holds once paused; fails when the loop does not apply
     *     the binding or ended first
     */
    public CompletableFuture<HeldBinding> pause(String binding) {
        return request(binding, BindingHolds.Action.PAUSE);
    }

    /**
     * Holds {@code binding} while its table's existing rows are copied into the target: between two
     * batches its partitions are paused, so none of its changes is applied over a row the copy
     * writes later. An operator's resume leaves this hold; {@link #releaseLoad} ends it.
     *
     * @return completes once held; fails when the loop does not apply the binding or ended first
     */
    public CompletableFuture<HeldBinding> holdForLoad(String binding) {
        return request(binding, BindingHolds.Action.LOAD);
    }

    /** Ends the hold of {@link #holdForLoad}: unless something else holds it, its waiting changes are applied in order. */
    public CompletableFuture<HeldBinding> releaseLoad(String binding) {
        return request(binding, BindingHolds.Action.LOADED);
    }

    /**
     * Resumes {@code binding}, whatever held it (a pause, a failure, or drift once its table fits
     * again) but a load of its table ({@link #holdForLoad}), after which it resumes: its waiting
     * changes are applied in order, from the first one not committed.
     *
     * @return completes with the binding's holds (none) once resumed; fails with a
     *     {@link StillDriftedException} when its written table still does not fit, or when the loop
     *     does not apply the binding or ended first
     */
    public CompletableFuture<HeldBinding> resume(String binding) {
        return request(binding, BindingHolds.Action.RESUME);
    }

    private CompletableFuture<HeldBinding> request(String binding, BindingHolds.Action action) {
        CompletableFuture<HeldBinding> done = holds.request(binding, action);
        State now = state.get();
        if (now == State.CREATED) {
            holds.carryOutRequests(null);
        } else if (now == State.STOPPED || now == State.FAILED) {
            holds.rejectRequests("the apply loop of bridge '" + bridge + "' has ended");
        }
        return done;
    }

    /** The bindings held back now, with why; empty when every binding flows. */
    public Map<String, HeldBinding> held() {
        return holds.all();
    }

    /** Of {@link #lag()}, the records waiting on the partitions of bindings paused for drift; they stay until the bridge restarts. */
    public long heldLag() {
        return lag.held();
    }

    /** Starts consuming on thread {@code cutover-<bridge>-apply}. */
    public void start() {
        transition(State.CREATED, State.RUNNING);
        Thread thread = new Thread(this::run, "cutover-" + bridge + "-apply");
        thread.start();
    }

    /** Asks the loop to stop after the batch in hand (uncommitted batches are redelivered later); returns at once. Idempotent. */
    public void stop() {
        if (!state.compareAndSet(State.CREATED, State.STOPPED)) {
            state.compareAndSet(State.RUNNING, State.STOPPING);
        } else {
            terminated.countDown();
        }
        stopSignal.countDown();
        Consumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** Waits for the loop to end; true when it ended within {@code timeout}. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops and waits up to a minute; idempotent. Restores the interrupt flag if interrupted. */
    @Override
    public void close() {
        stop();
        try {
            if (!awaitStop(CLOSE_TIMEOUT)) {
                LOG.warn("Apply loop of bridge '{}' did not stop within {} s (state {})", bridge, CLOSE_TIMEOUT.toSeconds(), state.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The current state. */
    public State state() {
        return state.get();
    }

    /** What stopped the loop, or null while it runs or after a requested stop. */
    public Throwable failure() {
        return failure;
    }

    /**
     * Records behind the end of the assigned partitions, as of the last poll, or (while a batch
     * waits to be retried) as the broker reported it within the last second or so; 0 before the first.
     */
    public long lag() {
        return lag.lag();
    }

    /** Why the loop keeps retrying a batch, since when and how often; null while batches apply. */
    public Outage outage() {
        return retry.outage();
    }

    /** True once the consumer joined its group and was given its partitions (none is a valid share). */
    public boolean joined() {
        return joined;
    }

    /** Records and changes parked on the dead-letter topic by this loop. */
    public long deadLettered() {
        return deadLettered.get();
    }

    private void run() {
        Throwable cause = null;
        Consumer<byte[], byte[]> c = null;
        try (SchemaTopicReader schemas = new SchemaTopicReader(bridge, clientProperties, options.schemaReadTimeout())) {
            c = ApplyConsumers.create(bridge, clientProperties, options);
            consumer = c;
            Map<String, PolledBatch.TopicRoute> topics = new HashMap<>();
            for (BindingRoute route : routes) {
                topics.put(route.topic(), new PolledBatch.TopicRoute(route.binding(), ChangeEventCodec.forRoute(bridge, route, schemas)));
            }
            c.subscribe(topics.keySet(), ApplyConsumers.joining(committer.rebalanceListener(c), c, holds, () -> joined = true));
            cause = poll(c, topics);
            committer.commitPending(c);
            // A static member stays in the group after a plain close; leaving hands its partitions on at once.
            c.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            c = null;
        } catch (RuntimeException | Error e) {
            // also a failure to close the consumer: keep the failure that ended the loop, if any
            if (cause == null) {
                cause = e;
            } else {
                cause.addSuppressed(e);
            }
        } finally {
            consumer = null;
            if (c != null) {
                closeAfterFailure(c);
            }
            finish(cause);
        }
    }

    private void closeAfterFailure(Consumer<byte[], byte[]> c) {
        try {
            c.close();
        } catch (RuntimeException e) {
            LOG.warn("Apply loop of bridge '{}': closing the consumer failed: {}", bridge, e.toString());
        }
    }

    /** Polls and applies until asked to stop; returns the failure that ended it, or null. */
    private Throwable poll(Consumer<byte[], byte[]> c, Map<String, PolledBatch.TopicRoute> topics) {
        try {
            while (stopSignal.getCount() > 0) {
                holds.carryOutRequests(c);
                ConsumerRecords<byte[], byte[]> records = c.poll(options.pollTimeout());
                lag.update(c);
                if (!records.isEmpty()) {
                    handle(c, records, topics);
                }
                signalProgress();
            }
            return null;
        } catch (WakeupException e) {
            return stopSignal.getCount() > 0 ? e : null;
        } catch (ApplyFailedException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stopSignal.getCount() > 0 ? e : null;
        } catch (Exception e) {
            return e;
        }
    }

    private void handle(Consumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records, Map<String, PolledBatch.TopicRoute> topics)
            throws Exception {
        PolledBatch batch;
        ApplyResult result;
        try {
            batch = PolledBatch.decode(records, topics);
        } catch (SchemaLookupException e) {
            retry.retryLater(c, records, new ApplyException(e.getMessage(), true, e));
            return;
        }
        try {
            result = batch.changes().isEmpty() ? null : pipeline.apply(batch.changes());
        } catch (ApplyException e) {
            if (e.retriable()) {
                retry.retryLater(c, records, e);
                return;
            }
            Set<String> involved = pipeline.bindingsOf(batch::bindingOf, batch.changes());
            if (!holds.holdDrifted(c, involved).isEmpty()) {
                // Nothing of the batch was committed: poll it again, the drifted bindings' partitions now paused.
                batch.firstOffsets().forEach(c::seek);
                return;
            }
            applyBindingByBinding(c, records, batch, involved, e);
            return;
        }
        retry.succeeded();
        finishBatch(c, batch, result == null ? List.of() : List.of(result));
    }

    /**
     * A batch the target refused for good, applied again binding by binding so that a binding whose
     * changes it refuses again is held for its failure while the others' changes go through. A
     * retriable failure meanwhile retries the whole batch (nothing of it was reported or committed,
     * and applying is idempotent).
     */
    private void applyBindingByBinding(Consumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records, PolledBatch batch,
            Set<String> involved, ApplyException failure) throws Exception {
        if (involved.size() == 1) {
            holds.holdFailed(c, involved.iterator().next(), failure);
            // The held binding's partitions wait; the others of the batch (undecodable records only) are polled again.
            batch.firstOffsets().forEach(c::seek);
            return;
        }
        List<ApplyResult> results = new ArrayList<>();
        for (Map.Entry<String, List<ChangeEvent>> changes : batch.changesByBinding().entrySet()) {
            try {
                results.add(pipeline.apply(changes.getValue()));
            } catch (ApplyException e) {
                if (e.retriable()) {
                    retry.retryLater(c, records, e);
                    return;
                }
                holds.holdFailed(c, changes.getKey(), e);
            }
        }
        retry.succeeded();
        finishBatch(c, batch, results);
    }

    /**
     * Reports the applied changes, parks the undecodable records and commits, leaving out the
     * bindings held back: a binding whose written table drifted (as the target's refusals may
     * show), failed or paused keeps its records waiting on its partitions.
     */
    private void finishBatch(Consumer<byte[], byte[]> c, PolledBatch batch, List<ApplyResult> results) throws Exception {
        List<ChangeEvent> rejected = results.stream().flatMap(r -> r.rejected().stream()).map(ApplyResult.RejectedChange::change)
                .toList();
        if (!rejected.isEmpty()) {
            holds.holdDrifted(c, pipeline.bindingsOf(batch::bindingOf, rejected));
        }
        Set<String> held = holds.all().keySet();
        for (PolledBatch.Undecodable u : batch.undecodable()) {
            if (!held.contains(u.binding())) {
                deadLetters.parkRecord(u.binding(), "decode", u.record(), u.reason());
                deadLettered.incrementAndGet();
                listener.onDeadLettered(u.binding(), "decode");
            }
        }
        for (ApplyResult result : results) {
            deadLettered.addAndGet(pipeline.report(result, batch::bindingOf, held));
        }
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>(batch.nextOffsets());
        holds.holdBack(c, batch.firstOffsets(), done);
        committer.commit(c, done);
    }

    private void finish(Throwable cause) {
        failure = cause;
        holds.rejectRequests("the apply loop of bridge '" + bridge + "' has ended");
        State end = cause == null ? State.STOPPED : State.FAILED;
        if (!state.compareAndSet(State.RUNNING, end) && !state.compareAndSet(State.STOPPING, end)) {
            LOG.error("Apply loop of bridge '{}' ended in unexpected state {}", bridge, state.get());
        }
        if (cause != null) {
            LOG.error("Apply loop of bridge '{}' stopped: {}", bridge, cause.toString());
        } else {
            LOG.info("Apply loop of bridge '{}' stopped", bridge);
        }
        terminated.countDown();
        signalProgress();
        java.util.function.Consumer<Throwable> told = onFailure;
        if (cause != null && told != null) {
            told.accept(cause);
        }
    }

    /** Wakes the threads waiting in {@link #awaitCaughtUp} to look at the lag again. */
    private void signalProgress() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /**
     * Tells {@code listener} of the failure that stops the loop, on the loop's thread, once; a
     * requested stop is no failure. Set before {@link #start}.
     */
    public void onFailure(java.util.function.Consumer<Throwable> listener) {
        if (state.get() != State.CREATED) {
            throw new IllegalStateException("apply loop of bridge '" + bridge + "': the failure listener must be set before start");
        }
        this.onFailure = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Waits until every record the loop may apply now is applied (the lag, less what waits for
     * bindings paused for drift, is 0 after a poll), the loop ended, or {@code timeout} passed.
     *
     * @return true when caught up
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (lag.applicable() > 0 && terminated.getCount() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
        return lag.applicable() <= 0;
    }

    private void requireCreated(String what) {
        if (state.get() != State.CREATED) {
            throw new IllegalStateException("apply loop of bridge '" + bridge + "': " + what + ", state is " + state.get());
        }
    }

    private void transition(State expected, State next) {
        if (!state.compareAndSet(expected, next)) {
            throw new IllegalStateException("apply loop of bridge '" + bridge + "': expected state " + expected
                    + " to move to " + next + " but was " + state.get());
        }
    }
}
