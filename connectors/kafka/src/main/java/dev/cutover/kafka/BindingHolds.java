package dev.cutover.kafka;

import dev.cutover.core.drift.DriftListener;
import dev.cutover.core.drift.DriftReport;
import dev.cutover.core.drift.TargetDriftCheck;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bindings an apply loop holds back, each for one or more {@link HeldBinding.Reason}s: schema
 * drift of its written table, an operator's pause, or a failure of its own. A held binding's
 * partitions are paused; its records of a batch are neither reported nor committed, and its
 * partitions are sought back to the batch's first record, so its changes wait in Kafka, in order,
 * while the other bindings keep flowing. Released, it resumes from there.
 *
 * <p>Drift: when the target refuses changes, or a batch fails for good, the loop has the bindings
 * involved checked with the {@link TargetDriftCheck}; a binding whose written table no longer fits
 * its compiled mapping is held rather than dead-lettered or failed. Resuming it checks again.
 *
 * <p>Operators' pauses and resumes come from any thread as requests, which the loop's thread
 * carries out between batches ({@link #carryOutRequests}); before the loop starts they take effect
 * at once. Everything else runs on the loop's thread with its consumer.
 */
final class BindingHolds {

    private static final Logger LOG = LoggerFactory.getLogger(BindingHolds.class);

    private final String bridge;
    private final Map<String, String> bindingByTopic;
    private final Clock clock;
    private volatile TargetDriftCheck check;
    private volatile DriftListener driftListener = DriftListener.none();
    private volatile BindingFailureListener failureListener = BindingFailureListener.none();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private volatile String ended;

    /** Why one binding is held, changed only on the loop's thread (or before it starts). */
    private static final class Hold {
        final Set<HeldBinding.Reason> reasons = EnumSet.noneOf(HeldBinding.Reason.class);
        volatile DriftReport drift;
        volatile String failure;
        volatile Instant since;

        HeldBinding snapshot(String binding) {
            return new HeldBinding(binding, Set.copyOf(reasons), drift, failure, since);
        }
    }

    /** What a request asks of a binding. */
    enum Action {
        /** An operator's pause. */
        PAUSE,
        /** An operator's resume: releases every hold but a load's. */
        RESUME,
        /** Holds it while its table is loaded. */
        LOAD,
        /** Releases the hold of a load. */
        LOADED
    }

    private record Request(String binding, Action action, CompletableFuture<HeldBinding> done) {
    }

    /**
     * @param bridge for messages
     * @param bindingByTopic the binding of each change topic the loop consumes
     * @param clock stamps when a binding was first held
     */
    BindingHolds(String bridge, Map<String, String> bindingByTopic, Clock clock) {
        this.bridge = bridge;
        this.bindingByTopic = Map.copyOf(bindingByTopic);
        this.clock = clock;
    }

    /** Holds bindings whose written table drifted, as {@code driftCheck} finds, telling {@code listener}; call before the loop starts. */
    void watchDrift(TargetDriftCheck driftCheck, DriftListener listener) {
        this.check = Objects.requireNonNull(driftCheck, "driftCheck");
        this.driftListener = Objects.requireNonNull(listener, "listener");
    }

    /** Tells {@code listener} of bindings held for a failure; call before the loop starts. */
    void tellFailures(BindingFailureListener listener) {
        this.failureListener = Objects.requireNonNull(listener, "listener");
    }

    /** True when {@code binding} is one the loop applies. */
    boolean knows(String binding) {
        return bindingByTopic.containsValue(binding);
    }

    /** Holds {@code report}'s binding before the loop consumes anything (a restart finding it still drifted). */
    void holdForDriftAtStart(DriftReport report) {
        if (hold(report.binding(), HeldBinding.Reason.DRIFT, h -> h.drift = report)) {
            driftListener.onPaused(report);
        }
    }

    /**
     * Asks to pause or resume {@code binding} ({@code pause} false). The loop's thread carries it out
     * between batches and completes the future with the binding's holds afterwards; a resume of a
     * binding held for drift whose table still does not fit completes exceptionally with a
     * {@link StillDriftedException}. Before the loop runs, {@link #carryOutRequests} runs it at once.
     */
    CompletableFuture<HeldBinding> request(String binding, Action action) {
        if (!knows(binding)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("the apply loop of bridge '" + bridge
                    + "' applies no binding '" + binding + "'"));
        }
        CompletableFuture<HeldBinding> done = new CompletableFuture<>();
        requests.add(new Request(binding, action, done));
        if (ended != null) {
            rejectRequests(ended);
        }
        return done;
    }

    /** Fails the requests not carried out yet, and those that come later: the loop has ended. */
    void rejectRequests(String why) {
        ended = why;
        Request request;
        while ((request = requests.poll()) != null) {
            request.done().completeExceptionally(new IllegalStateException(why));
        }
    }

    /** Carries out the pause and resume requests that came in, pausing and resuming {@code consumer}'s partitions (null before it exists). */
    void carryOutRequests(Consumer<?, ?> consumer) {
        Request request;
        while ((request = requests.poll()) != null) {
            try {
                request.done().complete(switch (request.action()) {
                    case PAUSE -> pause(consumer, request.binding());
                    case RESUME -> resume(consumer, request.binding());
                    case LOAD -> holdForLoad(consumer, request.binding());
                    case LOADED -> loaded(consumer, request.binding());
                });
            } catch (RuntimeException e) {
                request.done().completeExceptionally(e);
            }
        }
    }

    private HeldBinding pause(Consumer<?, ?> consumer, String binding) {
        if (hold(binding, HeldBinding.Reason.OPERATOR, h -> { })) {
            LOG.info("Apply loop of bridge '{}' pauses binding '{}' at an operator's request; its changes wait on its topic",
                    bridge, binding);
            repause(consumer);
        }
        return held(binding);
    }

    private HeldBinding resume(Consumer<?, ?> consumer, String binding) {
        Hold hold = holds.get(binding);
        if (hold == null) {
            return held(binding);
        }
        if (hold.reasons.contains(HeldBinding.Reason.DRIFT)) {
            DriftReport still = check == null ? null : checked(binding);
            if (still != null && still.blocking()) {
                throw new StillDriftedException(still);
            }
        }
        if (hold.reasons.contains(HeldBinding.Reason.LOAD)) {
            // Its changes must wait for the rows being loaded, or an older copied row would overwrite a newer change.
            hold.reasons.retainAll(Set.of(HeldBinding.Reason.LOAD));
            LOG.info("Apply loop of bridge '{}': binding '{}' resumes once its table is loaded", bridge, binding);
            return held(binding);
        }
        release(consumer, binding, hold.reasons);
        return held(binding);
    }

    private HeldBinding holdForLoad(Consumer<?, ?> consumer, String binding) {
        if (hold(binding, HeldBinding.Reason.LOAD, h -> { })) {
            LOG.info("Apply loop of bridge '{}' holds binding '{}' while its table is loaded; its changes wait on its topic", bridge,
                    binding);
            repause(consumer);
        }
        return held(binding);
    }

    private HeldBinding loaded(Consumer<?, ?> consumer, String binding) {
        Hold hold = holds.get(binding);
        if (hold != null && hold.reasons.equals(Set.of(HeldBinding.Reason.LOAD))) {
            release(consumer, binding, Set.of(HeldBinding.Reason.LOAD));
        } else if (hold != null) {
            hold.reasons.remove(HeldBinding.Reason.LOAD);
        }
        return held(binding);
    }

    private void release(Consumer<?, ?> consumer, String binding, Set<HeldBinding.Reason> heldFor) {
        holds.remove(binding);
        LOG.info("Apply loop of bridge '{}' resumes binding '{}' (held for {}); its waiting changes are applied in order", bridge,
                binding, heldFor);
        if (consumer != null) {
            consumer.resume(partitionsOf(consumer.assignment(), binding));
        }
    }

    /** The holds of {@code binding} now; no reasons when it is not held. */
    HeldBinding held(String binding) {
        Hold hold = holds.get(binding);
        return hold == null ? new HeldBinding(binding, Set.of(), null, null, null) : hold.snapshot(binding);
    }

    /** Every held binding with its holds. */
    Map<String, HeldBinding> all() {
        Map<String, HeldBinding> all = new LinkedHashMap<>();
        holds.forEach((binding, hold) -> all.put(binding, hold.snapshot(binding)));
        return all;
    }

    /** True when the binding of {@code partition}'s topic is held. */
    boolean isHeld(TopicPartition partition) {
        String binding = bindingByTopic.get(partition.topic());
        return binding != null && holds.containsKey(binding);
    }

    /**
     * Checks those of {@code bindings} not held for drift yet, holds the ones whose written table no
     * longer fits, pauses every assigned partition of a held binding, and returns which of
     * {@code bindings} are held for drift now. A check that fails counts as no drift.
     */
    Set<String> holdDrifted(Consumer<?, ?> consumer, Set<String> bindings) {
        if (check == null) {
            return Set.of();
        }
        Set<String> drifted = new HashSet<>();
        for (String binding : bindings) {
            Hold existing = holds.get(binding);
            DriftReport report = existing != null && existing.drift != null ? existing.drift : checked(binding);
            if (report != null && report.blocking()) {
                if (hold(binding, HeldBinding.Reason.DRIFT, h -> h.drift = report)) {
                    LOG.info("Apply loop of bridge '{}' pauses the partitions of binding '{}' for schema drift of {}", bridge,
                            binding, report.table());
                    driftListener.onPaused(report);
                }
                drifted.add(binding);
            }
        }
        repause(consumer);
        return drifted;
    }

    /** Holds {@code binding} for a failure of its own: its changes wait until it is resumed. */
    void holdFailed(Consumer<?, ?> consumer, String binding, Throwable cause) {
        String why = String.valueOf(cause.getMessage());
        if (hold(binding, HeldBinding.Reason.FAILURE, h -> h.failure = why)) {
            LOG.error("Apply loop of bridge '{}': binding '{}' failed and waits, the other bindings keep flowing: {}", bridge,
                    binding, why);
            failureListener.onFailed(binding, cause);
        }
        repause(consumer);
    }

    /** Pauses the assigned partitions of held bindings: a partition handed back after a rebalance comes unpaused. */
    void repause(Consumer<?, ?> consumer) {
        if (consumer != null && !holds.isEmpty()) {
            repause(consumer, consumer.assignment());
        }
    }

    /** Pauses those of {@code partitions} whose binding is held. */
    void repause(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!holds.isEmpty()) {
            consumer.pause(partitions.stream().filter(this::isHeld).toList());
        }
    }

    /**
     * Keeps the records of held bindings waiting in Kafka: removes their partitions from the offsets
     * to commit and seeks them back to the batch's first record, from where they are applied
     * (again, idempotently) once released.
     *
     * @param firstOffsets each partition's first offset in the batch
     * @param toCommit the batch's offsets to commit, changed in place
     */
    void holdBack(Consumer<?, ?> consumer, Map<TopicPartition, Long> firstOffsets, Map<TopicPartition, OffsetAndMetadata> toCommit) {
        for (Map.Entry<TopicPartition, Long> first : firstOffsets.entrySet()) {
            if (isHeld(first.getKey())) {
                toCommit.remove(first.getKey());
                consumer.seek(first.getKey(), first.getValue());
            }
        }
    }

    /** Adds {@code reason} to {@code binding}'s holds; true when the binding was not held for it before. */
    private boolean hold(String binding, HeldBinding.Reason reason, java.util.function.Consumer<Hold> details) {
        Hold hold = holds.computeIfAbsent(binding, b -> new Hold());
        if (hold.since == null) {
            hold.since = clock.instant();
        }
        boolean added = hold.reasons.add(reason);
        if (added) {
            details.accept(hold);
        }
        return added;
    }

    private java.util.List<TopicPartition> partitionsOf(Collection<TopicPartition> partitions, String binding) {
        return partitions.stream().filter(p -> binding.equals(bindingByTopic.get(p.topic()))).toList();
    }

    private DriftReport checked(String binding) {
        try {
            return check.check(binding);
        } catch (Exception e) {
            LOG.warn("Apply loop of bridge '{}': cannot check the target table of binding '{}' for drift: {}", bridge, binding,
                    e.toString());
            return null;
        }
    }
}
