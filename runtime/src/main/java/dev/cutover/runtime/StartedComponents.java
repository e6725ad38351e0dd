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
     * and appliers in the order a change travels ({@link #stopAlongTheWay}; {@code twoWay} when a
     * binding of the stopping pipeline is), so that what was
     * captured before the stop is applied even when no applier will read its topic any more (a
     * direction the reload ends). Kafka, the retention monitor and the kept components run on, for
     * {@link #adopt}.
     */
    void stopAllBut(ReloadScope scope, Duration drainTimeout, MeterRegistry registry, boolean twoWay) {
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
        stopAlongTheWay(stoppedCaptures, stoppedLoops, drainTimeout, twoWay);
        for (SystemSide side : stoppedLoops) {
            closeQuietly("apply loop of " + side.label(), applyLoops.get(side)::close);
            closeQuietly("applier of " + side.label(), appliers.get(side)::close);
            Meters.remove(registry, MetricNames.CONSUMER_LAG, MetricNames.TAG_SYSTEM, side.label());
        }
    }

    /**
     * Stops the captures of {@code captureSides} and drains the apply loops of {@code loopSides}
     * in the order a change travels: the new database's capture first, then the legacy applier,
     * whose writes of those changes then come through the legacy capture before it stops, then the
     * new applier. A capture about to stop first writes a heartbeat row and is awaited until the
     * row came back (at most {@link #BEAT_WAIT}), so everything committed before is published. All
     * waits end by {@code timeout}; zero waits not at all.
     *
     * <p>With two-way bindings ({@code twoWay}) the new applier (the follower's) stops first, after
     * one {@link #roundTrip} while everything runs: it writes the arbiter's reflections, and one
     * applied after the follower's capture stopped could overwrite an application write that
     * capture will never pass on (the follower's own writes are echoes). While both run, such a
     * write comes back round and the sides converge; what reflections are left wait on their topic
     * for the follower's next applier.
     */
    private void stopAlongTheWay(Set<SystemSide> captureSides, Set<SystemSide> loopSides, Duration timeout, boolean twoWay) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SystemSide follower = BridgeRoles.ARBITER.opposite();
        KafkaApplyLoop followerLoop = applyLoops.get(follower);
        boolean followerStopsFirst = twoWay && followerLoop != null && loopSides.contains(follower);
        if (followerStopsFirst) {
            if (!timeout.isZero()) {
                closeQuietly("round trip before the stop", () -> roundTrip(follower, deadline));
            }
            closeQuietly("apply loop of " + follower.label(), followerLoop::close);
        }
        for (SystemSide side : List.of(follower, BridgeRoles.ARBITER)) {
            CaptureSupervisor capture = captures.get(side);
            if (capture != null && captureSides.contains(side)) {
                if (!timeout.isZero()) {
                    closeQuietly("last heartbeat of the " + side.label() + " capture", () -> awaitBeat(capture, deadline));
                }
                closeQuietly("capture of " + side.label(), capture::close);
            }
            KafkaApplyLoop loop = applyLoops.get(side.opposite());
            boolean stopped = followerStopsFirst && side.opposite() == follower;
            if (loop != null && loopSides.contains(side.opposite()) && !timeout.isZero() && !stopped) {
                closeQuietly("applier drain of " + side.opposite().label(),
                        () -> loop.awaitCaughtUp(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
            }
        }
    }

    /**
     * One round trip with everything running: what the follower wrote so far is captured and
     * applied by the arbiter, whose writes are captured and applied by the follower (reflections
     * that correct a row the follower showed out of date among them), while the follower's capture
     * still passes on any application write a reflection meets.
     */
    private void roundTrip(SystemSide follower, long deadline) throws InterruptedException {
        for (SystemSide side : List.of(follower, follower.opposite())) {
            CaptureSupervisor capture = captures.get(side);
            KafkaApplyLoop loop = applyLoops.get(side.opposite());
            if (capture != null && loop != null) {
                awaitBeat(capture, deadline);
                loop.awaitCaughtUp(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
        }
    }

    /** {@link CaptureSupervisor#beatAndAwait} for at most {@link #BEAT_WAIT}; a capture that never streamed is not waited for. */
    private static void awaitBeat(CaptureSupervisor capture, long deadline) throws InterruptedException {
        if (capture.lastHeartbeatRow() != null) {
            capture.beatAndAwait(Duration.ofNanos(Math.max(0, Math.min(deadline - System.nanoTime(), BEAT_WAIT.toNanos()))));
        }
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
     * {@link #stopAlongTheWay}; {@code twoWay} when a binding is) for up to {@code drainTimeout},
     * then closes all.
     */
    void close(Duration drainTimeout, boolean twoWay) {
        if (retention != null) {
            retention.close();
        }
        batches.values().forEach(BatchScheduler::stop);
        batches.forEach((name, batch) -> closeQuietly("batch copies of " + name, () -> batch.awaitStop(drainTimeout)));
        stopAlongTheWay(captures.keySet(), applyLoops.keySet(), drainTimeout, twoWay);
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
