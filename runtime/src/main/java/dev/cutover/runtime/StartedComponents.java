package dev.cutover.runtime;

import dev.cutover.core.event.SystemSide;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.kafka.KafkaApplyLoop;
import dev.cutover.runtime.batch.BatchScheduler;
import dev.cutover.runtime.metrics.MetricNames;
import dev.cutover.runtime.metrics.Meters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a pipeline started, registered as it starts, and the order it stops in: the retention
 * monitor and the batch copies first, then the captures and the appliers drained in the order a
 * change travels, then the appliers closed, then the Kafka clients and the embedded broker. Only what was registered is stopped, so a start that
 * failed halfway closes just what it opened. The maps are live: status reads them as they fill.
 */
final class StartedComponents {

    private static final Logger LOG = LoggerFactory.getLogger(StartedComponents.class);
    /** How long a stopping capture's last heartbeat is awaited: a capture in an outage must not hold the stop for long. */
    private static final Duration BEAT_WAIT = Duration.ofSeconds(5);

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
     * Stops, for a reload, what {@code scope} does not keep: those batch copies (each finishing its
     * page, waiting up to {@code drainTimeout}), then those captures (their slots' gauges removed)
     * and appliers in the order a change travels ({@link #stopAlongTheWay}), so that what was
     * captured before the stop is applied even when no applier will read its topic any more (a
     * direction the reload ends). Kafka, the retention monitor and the kept components run on, for
     * {@link #adopt}.
     */
    void stopAllBut(ReloadScope scope, Duration drainTimeout, MeterRegistry registry) {
        batches.forEach((name, batch) -> {
            if (!scope.batches().contains(name)) {
                batch.stop();
                closeQuietly("batch copies of " + name, () -> batch.awaitStop(drainTimeout));
                for (String meter : List.of(MetricNames.BATCH_RUNS, MetricNames.BATCH_RUN_DURATION, MetricNames.BATCH_RUN_ROWS)) {
                    Meters.remove(registry, meter, MetricNames.TAG_BINDING, name);
                }
            }
        });
        Set<SystemSide> stoppedCaptures = EnumSet.noneOf(SystemSide.class);
        captures.keySet().stream().filter(side -> !scope.captures().contains(side)).forEach(stoppedCaptures::add);
        // Not a method reference: a pipeline that captured nothing has no monitor, and stops no capture either.
        stoppedCaptures.forEach(side -> retention.unwatch(side));
        Set<SystemSide> stoppedLoops = EnumSet.noneOf(SystemSide.class);
        applyLoops.keySet().stream().filter(side -> !scope.appliers().contains(side)).forEach(stoppedLoops::add);
        stopAlongTheWay(stoppedCaptures, stoppedLoops, drainTimeout);
        for (SystemSide side : stoppedLoops) {
            closeQuietly("apply loop of " + side.label(), applyLoops.get(side)::close);
            closeQuietly("applier of " + side.label(), appliers.get(side)::close);
            Meters.remove(registry, MetricNames.CONSUMER_LAG, MetricNames.TAG_SYSTEM, side.label());
        }
    }

    /**
     * Stops the captures of {@code captureSides} and drains the apply loops of {@code loopSides}
     * in the order a change travels: the follower's capture (the new database's) first, then the
     * arbiter's applier, whose writes of those changes (in two-way sync, the reflections that
     * correct a row the follower showed out of date) then come through the arbiter's capture before
     * it stops, then the follower's applier. A capture about to stop first writes a heartbeat row
     * and is awaited until the row came back (at most {@link #BEAT_WAIT}), so everything committed
     * before is published. All waits end by {@code timeout}; zero waits not at all.
     */
    private void stopAlongTheWay(Set<SystemSide> captureSides, Set<SystemSide> loopSides, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (SystemSide side : List.of(BridgeRoles.ARBITER.opposite(), BridgeRoles.ARBITER)) {
            CaptureSupervisor capture = captures.get(side);
            if (capture != null && captureSides.contains(side)) {
                if (!timeout.isZero()) {
                    closeQuietly("last heartbeat of the " + side.label() + " capture", () -> awaitBeat(capture, deadline));
                }
                closeQuietly("capture of " + side.label(), capture::close);
            }
            KafkaApplyLoop loop = applyLoops.get(side.opposite());
            if (loop != null && loopSides.contains(side.opposite()) && !timeout.isZero()) {
                closeQuietly("applier drain of " + side.opposite().label(),
                        () -> loop.awaitCaughtUp(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
            }
        }
    }

    /** Has a streaming capture write a heartbeat row and waits until it came back; a capture that never streamed is not waited for. */
    private static void awaitBeat(CaptureSupervisor capture, long deadline) throws InterruptedException {
        if (capture.lastHeartbeatRow() == null) {
            return;
        }
        Instant asked = Instant.now();
        capture.beat();
        long until = Math.min(deadline, System.nanoTime() + BEAT_WAIT.toNanos());
        while (!cameBack(capture.lastHeartbeatRow(), asked) && System.nanoTime() < until) {
            Thread.sleep(20); // polled: nothing signals the row's return
        }
    }

    private static boolean cameBack(Instant lastRow, Instant asked) {
        return lastRow != null && !lastRow.isBefore(asked);
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

    /**
     * Stops the batch copies, then the captures with the appliers drained along the way (see
     * {@link #stopAlongTheWay}) for up to {@code drainTimeout}, then closes all.
     */
    void close(Duration drainTimeout) {
        if (retention != null) {
            retention.close();
        }
        batches.values().forEach(BatchScheduler::stop);
        batches.forEach((name, batch) -> closeQuietly("batch copies of " + name, () -> batch.awaitStop(drainTimeout)));
        stopAlongTheWay(captures.keySet(), applyLoops.keySet(), drainTimeout);
        if (!drainTimeout.isZero() && pendingRecords() > 0) {
            LOG.warn("Stopping with {} records not yet applied; they are applied after the next start", pendingRecords());
        }
        applyLoops.forEach((side, loop) -> closeQuietly("apply loop of " + side.label(), loop::close));
        appliers.forEach((side, applier) -> closeQuietly("applier of " + side.label(), applier::close));
        if (kafka != null) {
            if (lastStep != null) {
                closeQuietly("last step before Kafka closes", () -> lastStep.run(drainTimeout));
            }
            closeQuietly("publisher", kafka::closeClients);
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
