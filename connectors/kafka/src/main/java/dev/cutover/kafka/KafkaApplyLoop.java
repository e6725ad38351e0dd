package dev.cutover.kafka;

import dev.cutover.core.drift.DriftListener;
import dev.cutover.core.drift.DriftReport;
import dev.cutover.core.drift.TargetDriftCheck;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.ApplyPipeline;
import dev.cutover.core.pipeline.spi.ApplyException;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.pipeline.spi.ChangeApplier;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.core.retry.Backoff;
import dev.cutover.core.retry.Outage;
import dev.cutover.kafka.internal.DriftPauses;
import dev.cutover.kafka.internal.KafkaClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
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
 * meanwhile; a fatal one, retries exhausted (when limited), or a dead letter that cannot be stored
 * stop the loop with {@link #failure()} set. Offsets are never committed past a batch that was not applied.
 *
 * <p>Schema drift (with {@link #watchDrift}): when the target refuses changes, or a batch fails for
 * good, the bindings involved are checked with the {@link TargetDriftCheck}. A binding whose
 * written table no longer fits its compiled mapping is paused rather than dead-lettered or
 * stopping the loop: its partitions are paused and sought back to the first record of the batch,
 * nothing of it is reported or committed past that point, and its changes wait in Kafka until the
 * bridge restarts (which finds them uncommitted and applies them, or pauses again while the table
 * still does not fit). The other bindings' changes of the batch are reported and committed as
 * usual (after a failure, the batch is polled again without the paused partitions), so they keep
 * flowing. A refusal whose binding did not drift is parked as before.
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
    private static final Duration LAG_QUERY_INTERVAL = Duration.ofSeconds(5);
    private static final Duration LAG_REFRESH_WHILE_RETRYING = Duration.ofSeconds(1);

    private final String bridge;
    private final Map<String, String> clientProperties;
    private final List<BindingRoute> routes;
    private final ApplyPipeline pipeline;
    private final RecordDeadLetterSink deadLetters;
    private final PipelineListener listener;
    private final KafkaApplyOptions options;
    private final Backoff backoff;
    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicLong deadLettered = new AtomicLong();
    private final OffsetCommitter committer = new OffsetCommitter();
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile Throwable failure;
    private volatile long lag;
    private volatile Outage outage;
    private volatile boolean joined;
    private volatile java.util.function.Consumer<Throwable> onFailure;
    private final Object progress = new Object();
    private final Map<String, String> bindingByTopic = new HashMap<>();
    private volatile DriftPauses drift;
    private volatile long heldLag;
    private long lastLagQuery;
    private int retries;

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
        this.backoff = new Backoff(options.retryBackoffInitial(), options.retryBackoffMax());
        if (this.routes.isEmpty()) {
            throw new IllegalArgumentException("apply loop of bridge '" + bridge + "' has no routes to consume");
        }
        KafkaClients.bootstrap(clientProperties);
        for (BindingRoute route : this.routes) {
            bindingByTopic.put(route.topic(), route.binding());
        }
        this.drift = new DriftPauses(bridge, bindingByTopic, null, DriftListener.none());
    }

    /** The binding writing each target table of {@code routes}, the first where several do. */
    public static Map<TableId, String> bindingByTable(List<BindingRoute> routes) {
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
        if (state.get() != State.CREATED) {
            throw new IllegalStateException("apply loop of bridge '" + bridge + "': drift must be watched before start, state is "
                    + state.get());
        }
        this.drift = new DriftPauses(bridge, bindingByTopic, Objects.requireNonNull(check, "check"), listener);
    }

    /**
     * Pauses {@code report}'s binding from the start, after {@link #watchDrift}: a restart found it
     * still drifted, so its changes keep waiting on its change topic.
     */
    public void pauseAtStart(DriftReport report) {
        if (state.get() != State.CREATED) {
            throw new IllegalStateException("apply loop of bridge '" + bridge + "': a binding pauses at start only, state is "
                    + state.get());
        }
        drift.pause(report);
    }

    /** The bindings paused for schema drift, with what drifted; they stay paused until the bridge restarts. */
    public Map<String, DriftReport> pausedForDrift() {
        return drift.paused();
    }

    /** Of {@link #lag()}, the records waiting on the partitions of bindings paused for drift. */
    public long heldLag() {
        return heldLag;
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
        return lag;
    }

    /** Why the loop keeps retrying a batch, since when and how often; null while batches apply. */
    public Outage outage() {
        return outage;
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
            c = new KafkaConsumer<>(consumerConfig());
            consumer = c;
            Map<String, PolledBatch.TopicRoute> topics = new HashMap<>();
            for (BindingRoute route : routes) {
                topics.put(route.topic(), new PolledBatch.TopicRoute(route.binding(), ChangeEventCodec.forRoute(bridge, route, schemas)));
            }
            c.subscribe(topics.keySet(), joinedListener(committer.rebalanceListener(c)));
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

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = KafkaClients.consumer(clientProperties, "cutover-" + bridge + "-apply", options.groupId(),
                options.maxBatchSize(), options.recordLimit());
        if (options.groupInstanceId() != null) {
            // Static membership: a restart (even after kill -9) takes its partitions back at once instead of
            // waiting out the session timeout of the consumer that died.
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, options.groupInstanceId());
        }
        return config;
    }

    private ConsumerRebalanceListener joinedListener(ConsumerRebalanceListener committing) {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                committing.onPartitionsRevoked(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                committing.onPartitionsAssigned(partitions);
                // A partition handed back after a rebalance comes unpaused; a drifted binding must keep waiting.
                Consumer<byte[], byte[]> c = consumer;
                if (c != null) {
                    drift.repause(c, partitions);
                }
                joined = true;
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                committing.onPartitionsLost(partitions);
            }
        };
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
                ConsumerRecords<byte[], byte[]> records = c.poll(options.pollTimeout());
                updateLag(c);
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
        PolledBatch batch = null;
        ApplyResult result;
        try {
            batch = PolledBatch.decode(records, topics);
            result = batch.changes().isEmpty() ? null : pipeline.apply(batch.changes());
        } catch (SchemaLookupException e) {
            retryLater(c, records, new ApplyException(e.getMessage(), true, e));
            return;
        } catch (ApplyException e) {
            if (!e.retriable()) {
                if (batch != null && !drift.pauseDrifted(c, pipeline.bindingsOf(batch::bindingOf, batch.changes())).isEmpty()) {
                    // Nothing of the batch was committed: poll it again, the drifted bindings' partitions now paused.
                    batch.firstOffsets().forEach(c::seek);
                    return;
                }
                throw new ApplyFailedException(e);
            }
            retryLater(c, records, e);
            return;
        }
        retries = 0;
        if (outage != null) {
            LOG.info("Apply loop of bridge '{}' applies again after {} failed attempts since {}", bridge, outage.attempts(), outage.since());
            outage = null;
        }
        Set<String> drifted = result == null || result.rejected().isEmpty() ? Set.of()
                : drift.pauseDrifted(c, pipeline.bindingsOf(batch::bindingOf,
                        result.rejected().stream().map(ApplyResult.RejectedChange::change).toList()));
        for (PolledBatch.Undecodable u : batch.undecodable()) {
            if (!drifted.contains(u.binding())) {
                deadLetters.parkRecord(u.binding(), "decode", u.record(), u.reason());
                deadLettered.incrementAndGet();
                listener.onDeadLettered(u.binding(), "decode");
            }
        }
        if (result != null) {
            deadLettered.addAndGet(pipeline.report(result, batch::bindingOf, drifted));
        }
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>(batch.nextOffsets());
        for (Map.Entry<TopicPartition, Long> first : batch.firstOffsets().entrySet()) {
            if (drift.isPaused(first.getKey())) {
                // Its changes wait in Kafka: the restarted bridge applies them from here (again, idempotently).
                done.remove(first.getKey());
                c.seek(first.getKey(), first.getValue());
            }
        }
        committer.commit(c, done);
    }

    /** Seeks back to the batch start and waits; the next poll returns the batch again. */
    private void retryLater(Consumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records, ApplyException e)
            throws ApplyFailedException, InterruptedException {
        retries++;
        if (retries > options.maxRetries()) {
            throw new ApplyFailedException(new ApplyException("apply loop of bridge '" + bridge + "' gave up after "
                    + options.maxRetries() + " retries of a batch of " + records.count() + " records: " + e.getMessage(), false, e));
        }
        for (TopicPartition partition : records.partitions()) {
            c.seek(partition, records.records(partition).get(0).offset());
        }
        Duration delay = backoff.delay(retries);
        Instant now = Instant.now();
        outage = Outage.next(outage, e.getMessage(), now, now.plus(delay));
        LOG.warn("Apply loop of bridge '{}': batch of {} records failed (retry {}{} in {} ms, failing since {}): {}", bridge,
                records.count(), retries, options.unlimitedRetries() ? "" : " of " + options.maxRetries(), delay.toMillis(),
                outage.since(), e.getMessage());
        waitKeepingLagFresh(c, delay);
    }

    /** Waits out a retry delay (or until asked to stop), asking the broker for the lag about every second meanwhile. */
    private void waitKeepingLagFresh(Consumer<byte[], byte[]> c, Duration delay) throws InterruptedException {
        long deadline = System.nanoTime() + delay.toNanos();
        long remaining;
        while (stopSignal.getCount() > 0 && (remaining = deadline - System.nanoTime()) > 0) {
            queriedLag(c, c.assignment()).ifPresent(l -> lag = l);
            stopSignal.await(Math.min(remaining, LAG_REFRESH_WHILE_RETRYING.toNanos()), TimeUnit.NANOSECONDS);
        }
    }

    private void updateLag(Consumer<byte[], byte[]> c) {
        long total = 0;
        long held = 0;
        List<TopicPartition> unknown = new ArrayList<>();
        Set<TopicPartition> paused = c.paused();
        for (TopicPartition partition : c.assignment()) {
            OptionalLong partitionLag = c.currentLag(partition);
            if (paused.contains(partition)) {
                // The consumer keeps the high watermark of its last fetch of a paused partition.
                held += partitionLag.orElse(0);
            }
            if (partitionLag.isPresent()) {
                total += partitionLag.getAsLong();
            } else {
                unknown.add(partition);
            }
        }
        long now = System.nanoTime();
        if (!unknown.isEmpty() && now - lastLagQuery > LAG_QUERY_INTERVAL.toNanos()) {
            lastLagQuery = now;
            OptionalLong queried = queriedLag(c, unknown);
            if (queried.isEmpty()) {
                return; // the broker did not answer: keep the last figure rather than report a lag of 0
            }
            total += queried.getAsLong();
        }
        lag = total;
        heldLag = held;
    }

    /** Lag of {@code partitions} asked of the broker; empty when it does not answer within a second. */
    private OptionalLong queriedLag(Consumer<byte[], byte[]> c, Collection<TopicPartition> partitions) {
        try {
            long total = 0;
            for (Map.Entry<TopicPartition, Long> end : c.endOffsets(partitions, Duration.ofSeconds(1)).entrySet()) {
                total += Math.max(0, end.getValue() - c.position(end.getKey(), Duration.ofSeconds(1)));
            }
            return OptionalLong.of(total);
        } catch (TimeoutException e) {
            LOG.debug("Apply loop of bridge '{}': end offsets not available: {}", bridge, e.getMessage());
            return OptionalLong.empty();
        }
    }

    private void finish(Throwable cause) {
        failure = cause;
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
            while (applicableLag() > 0 && terminated.getCount() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
        return applicableLag() <= 0;
    }

    private long applicableLag() {
        return lag - heldLag();
    }

    private void transition(State expected, State next) {
        if (!state.compareAndSet(expected, next)) {
            throw new IllegalStateException("apply loop of bridge '" + bridge + "': expected state " + expected
                    + " to move to " + next + " but was " + state.get());
        }
    }

    /** A batch can no longer be applied (the cause says why): the loop must stop without committing it. */
    private static final class ApplyFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        ApplyFailedException(ApplyException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
