package dev.cutover.kafka.internal;

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
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An apply loop's bindings paused for schema drift of their written tables, and the consumer
 * partitions that keep them waiting. A binding stays paused for the life of the loop.
 *
 * <p>{@link #pauseDrifted} and {@link #repause} run on the loop's thread with its consumer;
 * {@link #paused()} may be read from any thread.
 */
public final class DriftPauses {

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
    public DriftPauses(String bridge, Map<String, String> bindingByTopic, TargetDriftCheck check, DriftListener listener) {
        this.bridge = bridge;
        this.bindingByTopic = Map.copyOf(bindingByTopic);
        this.check = check;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The paused bindings with what drifted. */
    public Map<String, DriftReport> paused() {
        return Map.copyOf(paused);
    }

    /** Pauses {@code report}'s binding before the loop consumes anything (a restart finding it still drifted). */
    public void pause(DriftReport report) {
        if (paused.putIfAbsent(report.binding(), report) == null) {
            listener.onPaused(report);
        }
    }

    /** True when the binding of {@code partition}'s topic is paused. */
    public boolean isPaused(TopicPartition partition) {
        String binding = bindingByTopic.get(partition.topic());
        return binding != null && paused.containsKey(binding);
    }

    /**
     * Checks those of {@code bindings} not paused yet, pauses the ones whose written table no
     * longer fits, pauses every assigned partition of a paused binding, and returns which of
     * {@code bindings} are paused now. A check that fails counts as no drift.
     */
    public Set<String> pauseDrifted(Consumer<?, ?> consumer, Set<String> bindings) {
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
    public void repause(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!paused.isEmpty()) {
            consumer.pause(partitions.stream().filter(this::isPaused).toList());
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
