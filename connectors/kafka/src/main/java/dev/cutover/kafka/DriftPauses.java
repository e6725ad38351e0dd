package dev.cutover.kafka;

import dev.cutover.core.drift.DriftListener;
import dev.cutover.core.drift.DriftReport;
import dev.cutover.core.drift.TargetDriftCheck;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An apply loop's bindings paused for schema drift of their written tables, and the consumer
 * partitions that keep them waiting. A binding stays paused for the life of the loop.
 *
 * <p>When the target refuses changes, or a batch fails for good, the loop has the bindings involved
 * checked with the {@link TargetDriftCheck}. A binding whose written table no longer fits its
 * compiled mapping is paused rather than dead-lettered or stopping the loop: its partitions are
 * paused and sought back to the first record of the batch, nothing of it is reported or committed
 * past that point, and its changes wait in Kafka until the bridge restarts (which finds them
 * uncommitted and applies them, or pauses again while the table still does not fit). The other
 * bindings' changes of the batch are reported and committed as usual (after a failure, the batch
 * is polled again without the paused partitions), so they keep flowing. A refusal whose binding did
 * not drift is parked as before.
 *
 * <p>{@link #pause} runs before the loop starts; the other methods run on the loop's thread with its consumer.
 */
final class DriftPauses {

    private static final Logger LOG = LoggerFactory.getLogger(DriftPauses.class);

    private final String bridge;
    private final Map<String, String> bindingByTopic;
    private final TargetDriftCheck check;
    private final DriftListener listener;
    private final Map<String, DriftReport> paused = new ConcurrentHashMap<>();

    /**
     * @param bridge for messages
     * @param bindingByTopic the binding of each change topic the loop consumes
     * @param check diffs a binding's written table with its compiled mapping; null to never pause
     * @param listener told when a binding pauses
     */
    DriftPauses(String bridge, Map<String, String> bindingByTopic, TargetDriftCheck check, DriftListener listener) {
        this.bridge = bridge;
        this.bindingByTopic = Map.copyOf(bindingByTopic);
        this.check = check;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Pauses {@code report}'s binding before the loop consumes anything (a restart finding it still drifted). */
    void pause(DriftReport report) {
        if (paused.putIfAbsent(report.binding(), report) == null) {
            listener.onPaused(report);
        }
    }

    /** True when the binding of {@code partition}'s topic is paused. */
    boolean isPaused(TopicPartition partition) {
        String binding = bindingByTopic.get(partition.topic());
        return binding != null && paused.containsKey(binding);
    }

    /**
     * Checks those of {@code bindings} not paused yet, pauses the ones whose written table no
     * longer fits, pauses every assigned partition of a paused binding, and returns which of
     * {@code bindings} are paused now. A check that fails counts as no drift.
     */
    Set<String> pauseDrifted(Consumer<?, ?> consumer, Set<String> bindings) {
        if (check == null) {
            return Set.of();
        }
        Set<String> drifted = new HashSet<>();
        for (String binding : bindings) {
            DriftReport report = paused.containsKey(binding) ? paused.get(binding) : checked(binding);
            if (report != null && report.blocking()) {
                if (paused.putIfAbsent(binding, report) == null) {
                    LOG.info("Apply loop of bridge '{}' pauses the partitions of binding '{}' for schema drift of {}", bridge,
                            binding, report.table());
                    listener.onPaused(report);
                }
                drifted.add(binding);
            }
        }
        repause(consumer, consumer.assignment());
        return drifted;
    }

    /** Pauses those of {@code partitions} whose binding is paused: a partition handed back after a rebalance comes unpaused. */
    void repause(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!paused.isEmpty()) {
            consumer.pause(partitions.stream().filter(this::isPaused).toList());
        }
    }

    /**
     * Keeps the records of paused bindings waiting in Kafka: removes their partitions from the
     * offsets to commit and seeks them back to the batch's first record, from where the restarted
     * bridge applies them (again, idempotently).
     *
     * @param firstOffsets each partition's first offset in the batch
     * @param toCommit the batch's offsets to commit, changed in place
     */
    void holdBack(Consumer<?, ?> consumer, Map<TopicPartition, Long> firstOffsets, Map<TopicPartition, OffsetAndMetadata> toCommit) {
        for (Map.Entry<TopicPartition, Long> first : firstOffsets.entrySet()) {
            if (isPaused(first.getKey())) {
                toCommit.remove(first.getKey());
                consumer.seek(first.getKey(), first.getValue());
            }
        }
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
