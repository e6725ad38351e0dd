package dev.cutover.runtime;

import dev.cutover.config.ByteSize;
import dev.cutover.core.event.SystemSide;
import dev.cutover.debezium.RetainedLog;
import dev.cutover.debezium.RetainedLogProbe;
import dev.cutover.runtime.metrics.MetricNames;
import dev.cutover.runtime.metrics.Meters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures, on its own thread every {@code tuning.slot-probe-interval}, how much log each capture's
 * position retains ({@link RetainedLogProbe}), for the gauge {@link MetricNames#SLOT_RETAINED} and
 * {@code /status}, and warns once each time a capture crosses {@code tuning.slot-retained-warn}.
 *
 * <p>Each measurement is one query over its own short-lived connection, never on the capture's
 * path, and never fails the bridge: a failed measurement keeps the last value (NaN before the
 * first), is logged at WARN on the first failure of a streak and at DEBUG after, and shows in
 * {@code /status} with the time of the last good measurement. A capture that had a position and
 * reads as having none keeps the last value too: a running capture never loses its slot or its
 * stored position, but a read can meet the offset file while the capture rewrites it.
 * Thread-safe; {@link #close} is idempotent.
 */
final class RetainedLogMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetainedLogMonitor.class);

    private final String bridge;
    private final ByteSize warnAbove;
    private final Duration interval;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<SystemSide, Watched> watched = new EnumMap<>(SystemSide.class);
    private ScheduledExecutorService scheduler;

    /** Opens a connection to a captured database; the caller closes it. */
    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    RetainedLogMonitor(String bridge, ByteSize warnAbove, Duration interval, MeterRegistry registry, Clock clock) {
        this.bridge = bridge;
        this.warnAbove = warnAbove;
        this.interval = interval;
        this.registry = registry;
        this.clock = clock;
    }

    /** Watches the capture of {@code side} and registers its gauge; call before {@link #start}. */
    synchronized void watch(SystemSide side, RetainedLogProbe probe, ConnectionSource connections) {
        Watched w = new Watched(side, probe, connections);
        watched.put(side, w);
        Gauge.builder(MetricNames.SLOT_RETAINED, w, Watched::bytes)
                .description("Bytes of log the capture's position keeps its database from discarding")
                .baseUnit("bytes").tag(MetricNames.TAG_SYSTEM, side.label()).register(registry);
    }

    /** Stops watching the capture of {@code side}, which a reload stops, and removes its gauge. */
    synchronized void unwatch(SystemSide side) {
        if (watched.remove(side) != null) {
            Meters.remove(registry, MetricNames.SLOT_RETAINED, MetricNames.TAG_SYSTEM, side.label());
        }
    }

    /** Measures every watched capture now, then every interval. */
    synchronized void start() {
        if (watched.isEmpty() || scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cutover-" + bridge + "-slot-probe");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::measureAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What {@code /status} adds to each watched capture, by system label. */
    synchronized Map<String, Map<String, Object>> status() {
        Map<String, Map<String, Object>> doc = new LinkedHashMap<>();
        watched.forEach((side, w) -> doc.put(side.label(), w.status()));
        return doc;
    }

    /** Measures every watched capture once, on the caller's thread. */
    void measureAll() {
        List<Watched> now;
        synchronized (this) {
            now = List.copyOf(watched.values());
        }
        // Outside the lock: a probe waits on its database, which must not hold up a reload's watch.
        now.forEach(Watched::measure);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** The measurements of one capture: written by the probe thread, read by scrapes and {@code /status}. */
    private final class Watched {
        private final SystemSide side;
        private final RetainedLogProbe probe;
        private final ConnectionSource connections;
        private volatile double bytes = Double.NaN;
        private volatile Instant measuredAt;
        private volatile String error;
        private boolean above;
        private boolean hadPosition;

        Watched(SystemSide side, RetainedLogProbe probe, ConnectionSource connections) {
            this.side = side;
            this.probe = probe;
            this.connections = connections;
        }

        double bytes() {
            return bytes;
        }

        void measure() {
            Optional<RetainedLog> retained;
            try (Connection c = connections.open()) {
                retained = probe.measure(c);
            } catch (Exception e) {
                if (error == null) {
                    LOG.warn("Cannot measure what the capture of the {} database retains ({}); keeping the last value: {}",
                            side.label(), probe.holder(), e.toString());
                } else {
                    LOG.debug("Measuring what the capture of the {} database retains failed again: {}", side.label(), e.toString());
                }
                error = e.toString();
                return;
            }
            if (retained.isEmpty() && hadPosition) {
                LOG.debug("The capture of the {} database read as having no position ({}); keeping the last value",
                        side.label(), probe.holder());
                return;
            }
            hadPosition |= retained.isPresent();
            error = null;
            // No position yet (no slot, nothing stored): the capture keeps nothing from being discarded.
            bytes = retained.map(RetainedLog::bytes).orElse(0L);
            measuredAt = clock.instant();
            retained.ifPresent(this::warnOnCrossing);
        }

        private void warnOnCrossing(RetainedLog retained) {
            boolean now = retained.bytes() > warnAbove.bytes();
            if (now && !above) {
                LOG.warn("Capture of the {} database: {}, above tuning.slot-retained-warn ({}); the database keeps it until"
                        + " the capture catches up. Run `cutover check` for the fix", side.label(),
                        RetainedLogReport.describe(probe, retained), warnAbove);
            } else if (!now && above) {
                LOG.info("Capture of the {} database: {}, back below tuning.slot-retained-warn ({})", side.label(),
                        RetainedLogReport.describe(probe, retained), warnAbove);
            }
            above = now;
        }

        Map<String, Object> status() {
            Map<String, Object> doc = new LinkedHashMap<>();
            double b = bytes;
            doc.put("retainedBytes", Double.isNaN(b) ? null : (long) b);
            doc.put("retainedMeasuredAt", Objects.toString(measuredAt, null));
            doc.put("retainedError", error);
            return doc;
        }
    }
}
