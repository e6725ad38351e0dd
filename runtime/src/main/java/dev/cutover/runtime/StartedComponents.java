package dev.cutover.runtime;

import dev.cutover.core.event.SystemSide;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.kafka.KafkaApplyLoop;
import dev.cutover.runtime.batch.BatchScheduler;
import dev.cutover.runtime.metrics.MetricNames;
import dev.cutover.runtime.metrics.Meters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a pipeline started, registered as it starts, and the order it stops in: the retention
 * monitor and the captures first, then the batch copies, then the appliers once drained, then the
 * Kafka clients and the embedded broker. Only what was registered is stopped, so a start that
 * failed halfway closes just what it opened. The maps are live: status reads them as they fill.
 */
final class StartedComponents {

    private static final Logger LOG = LoggerFactory.getLogger(StartedComponents.class);

    private final Map<SystemSide, CaptureSupervisor> captures = new EnumMap<>(SystemSide.class);
    private final Map<SystemSide, KafkaApplyLoop> applyLoops = new EnumMap<>(SystemSide.class);
    private final Map<SystemSide, JdbcApplier> appliers = new EnumMap<>(SystemSide.class);
    private final Map<String, BatchScheduler> batches = new LinkedHashMap<>();
    private BridgeKafka kafka;
    private RetainedLogMonitor retention;
    private StopHook lastStep;

    Map<SystemSide, CaptureSupervisor> captures() {
        return captures;
    }

    Map<SystemSide, KafkaApplyLoop> applyLoops() {
        return applyLoops;
    }

    Map<SystemSide, JdbcApplier> appliers() {
        return appliers;
    }

    Map<String, BatchScheduler> batches() {
        return batches;
    }

    /** Registers the bridge's Kafka, before it starts. */
    void kafka(BridgeKafka started) {
        this.kafka = started;
    }

    /** The bridge's Kafka; null when nothing is synced. */
    BridgeKafka kafka() {
        return kafka;
    }

    void retention(RetainedLogMonitor monitor) {
        this.retention = monitor;
    }

    /** Watches what the captures' positions retain; null when nothing is synced. */
    RetainedLogMonitor retention() {
        return retention;
    }

    /** Registers what to do once everything but Kafka stopped, such as recording that the bridge stopped. */
    void beforeKafkaCloses(StopHook step) {
        this.lastStep = step;
    }

    /**
     * Stops, for a reload, what {@code scope} does not keep: those captures (their slots' gauges
     * removed), those batch copies (each finishing its page, waiting up to {@code drainTimeout}),
     * then those appliers, each after the batch it applies: what it did not commit waits on its
     * topics for the applier that starts instead. Kafka, the retention monitor and the kept
     * components run on, for {@link #adopt}.
     */
    void stopAllBut(ReloadScope scope, Duration drainTimeout, MeterRegistry registry) {
        captures.forEach((side, capture) -> {
            if (!scope.captures().contains(side)) {
                retention.unwatch(side);
                closeQuietly("capture of " + side.label(), capture::close);
            }
        });
        batches.forEach((name, batch) -> {
            if (!scope.batches().contains(name)) {
                batch.stop();
                closeQuietly("batch copies of " + name, () -> batch.awaitStop(drainTimeout));
                for (String meter : List.of(MetricNames.BATCH_RUNS, MetricNames.BATCH_RUN_DURATION, MetricNames.BATCH_RUN_ROWS)) {
                    Meters.remove(registry, meter, MetricNames.TAG_BINDING, name);
                }
            }
        });
        applyLoops.forEach((side, loop) -> {
            if (!scope.appliers().contains(side)) {
                closeQuietly("apply loop of " + side.label(), loop::close);
                closeQuietly("applier of " + side.label(), appliers.get(side)::close);
                Meters.remove(registry, MetricNames.CONSUMER_LAG, MetricNames.TAG_SYSTEM, side.label());
            }
        });
    }

    /** Takes over from {@code previous} its Kafka, its retention monitor and the components {@code scope} keeps. */
    void adopt(StartedComponents previous, ReloadScope scope) {
        kafka = previous.kafka;
        retention = previous.retention;
        scope.captures().forEach(side -> captures.put(side, previous.captures.get(side)));
        scope.appliers().forEach(side -> {
            applyLoops.put(side, previous.applyLoops.get(side));
            appliers.put(side, previous.appliers.get(side));
        });
        scope.batches().forEach(name -> batches.put(name, previous.batches.get(name)));
    }

    /** Stops the captures, lets the appliers drain for up to {@code drainTimeout}, then closes all. */
    void close(Duration drainTimeout) {
        if (retention != null) {
            retention.close();
        }
        captures.forEach((side, capture) -> closeQuietly("capture of " + side.label(), capture::close));
        batches.values().forEach(BatchScheduler::stop);
        batches.forEach((name, batch) -> closeQuietly("batch copies of " + name, () -> batch.awaitStop(drainTimeout)));
        closeQuietly("applier drain", () -> drain(drainTimeout));
        applyLoops.forEach((side, loop) -> closeQuietly("apply loop of " + side.label(), loop::close));
        appliers.forEach((side, applier) -> closeQuietly("applier of " + side.label(), applier::close));
        if (kafka != null) {
            if (lastStep != null) {
                closeQuietly("last step before Kafka closes", () -> lastStep.run(drainTimeout));
            }
            closeQuietly("publisher", kafka::closeClients);
        }
    }

    private void drain(Duration timeout) throws InterruptedException {
        if (timeout.isZero()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (KafkaApplyLoop loop : applyLoops.values()) {
            loop.awaitCaughtUp(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        if (pendingRecords() > 0) {
            LOG.warn("Stopping with {} records not yet applied; they are applied after the next start", pendingRecords());
        }
    }

    private long pendingRecords() {
        // Records of bindings paused for drift wait for a restart: not worth waiting for.
        return applyLoops.values().stream().filter(l -> l.failure() == null).mapToLong(l -> Math.max(0, l.lag() - l.heldLag())).sum();
    }

    private interface Step {
        void run() throws Exception;
    }

    /** A step of the stop, told how long the appliers were let drain (zero: not at all). */
    interface StopHook {
        void run(Duration drainTimeout) throws Exception;
    }

    private static void closeQuietly(String what, Step step) {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Error while stopping {}: {}", what, e.toString());
        }
    }
}
