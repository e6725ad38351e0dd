package dev.cutover.runtime.metrics;

import dev.cutover.core.conflict.ConflictRecord;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.pipeline.spi.PipelineListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns pipeline callbacks into Micrometer meters (names in {@link MetricNames}) and keeps the
 * per-binding figures that {@code /status} shows. Thread-safe; meters are created once per tag
 * set and cached, so the hot path only increments.
 */
public final class MicrometerPipelineListener implements PipelineListener {

    private final MeterRegistry registry;
    private final Clock clock;
    private volatile Map<String, String> directionByBinding;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> lagTimers = new ConcurrentHashMap<>();
    private final Map<String, BindingActivity> activity = new ConcurrentHashMap<>();
    private final Map<String, CaptureActivity> captures = new ConcurrentHashMap<>();

    /**
     * @param directionByBinding each binding's direction label, for the {@code direction} tag
     * @param capturedSides the systems whose databases are captured, for the capture gauges
     */
    public MicrometerPipelineListener(MeterRegistry registry, Clock clock, Map<String, String> directionByBinding,
            Set<SystemSide> capturedSides) {
        this.registry = registry;
        this.clock = clock;
        this.directionByBinding = Map.copyOf(directionByBinding);
        capturedSides.forEach(this::trackCapture);
        directionByBinding.keySet().forEach(this::trackBinding);
    }

    /**
     * Follows a reloaded configuration: the meters of a removed binding, or of one whose direction
     * changed (its {@code direction} tag), are removed, and those of a new or changed one
     * registered; a database no longer captured loses its capture gauges, and one whose capture
     * restarts counts as not streaming until it sends something again. Meters of bindings that
     * stay as they were keep counting.
     */
    public void rebind(Map<String, String> nextDirections, Set<SystemSide> capturedSides, Set<SystemSide> restartedCaptures) {
        Map<String, String> previous = directionByBinding;
        previous.forEach((binding, direction) -> {
            if (!direction.equals(nextDirections.get(binding))) {
                forgetBinding(binding);
            }
        });
        directionByBinding = Map.copyOf(nextDirections);
        nextDirections.forEach((binding, direction) -> {
            if (!direction.equals(previous.get(binding))) {
                trackBinding(binding);
            }
        });
        for (SystemSide side : SystemSide.values()) {
            if (!capturedSides.contains(side)) {
                forgetCapture(side);
            } else if (!captures.containsKey(side.label())) {
                trackCapture(side);
            } else if (restartedCaptures.contains(side)) {
                captures.get(side.label()).reset();
            }
        }
    }

    private void trackCapture(SystemSide side) {
        CaptureActivity capture = new CaptureActivity();
        captures.put(side.label(), capture);
        Gauge.builder(MetricNames.CAPTURE_LAG, capture.lagMicros, v -> v.get() / 1_000_000.0)
                .description("How long after its source commit the newest captured change was captured")
                .baseUnit("seconds").tag(MetricNames.TAG_SYSTEM, side.label()).register(registry);
        Gauge.builder(MetricNames.HEARTBEAT_AGE, capture, c -> c.heartbeatAgeSeconds(clock))
                .description("Seconds since the newest heartbeat of the captured database")
                .baseUnit("seconds").tag(MetricNames.TAG_SYSTEM, side.label()).register(registry);
    }

    private void forgetCapture(SystemSide side) {
        if (captures.remove(side.label()) != null) {
            Meters.remove(registry, MetricNames.CAPTURE_LAG, MetricNames.TAG_SYSTEM, side.label());
            Meters.remove(registry, MetricNames.HEARTBEAT_AGE, MetricNames.TAG_SYSTEM, side.label());
        }
    }

    private void trackBinding(String binding) {
        activity.put(binding, new BindingActivity());
        lagTimer(binding);
        for (String outcome : new String[] {MetricNames.OUTCOME_CAPTURED, MetricNames.OUTCOME_PUBLISHED,
                MetricNames.OUTCOME_APPLIED, MetricNames.OUTCOME_DEAD_LETTERED}) {
            counter(binding, outcome);
        }
    }

    private void forgetBinding(String binding) {
        activity.remove(binding);
        counters.keySet().removeIf(key -> key.startsWith(binding + '\u0000'));
        lagTimers.remove(binding);
        Meters.remove(registry, MetricNames.EVENTS, MetricNames.TAG_BINDING, binding);
        Meters.remove(registry, MetricNames.REPLICATION_LAG, MetricNames.TAG_BINDING, binding);
    }

    @Override
    public void onCaptured(String binding, ChangeEvent event, Duration captureLag) {
        counter(binding, MetricNames.OUTCOME_CAPTURED).increment();
        CaptureActivity capture = captures.get(event.origin().label());
        if (capture != null) {
            capture.lagMicros.set(captureLag.toNanos() / 1_000);
            capture.lastCapture.set(clock.instant());
        }
        activity(binding).lastCaptured.set(event.commitTime());
    }

    @Override
    public void onPublished(String binding, ChangeEvent mapped) {
        counter(binding, MetricNames.OUTCOME_PUBLISHED).increment();
    }

    @Override
    public void onApplied(String binding, ChangeEvent mapped, Duration endToEndLag) {
        counter(binding, MetricNames.OUTCOME_APPLIED).increment();
        lagTimer(binding).record(endToEndLag.isNegative() ? Duration.ZERO : endToEndLag);
        BindingActivity a = activity(binding);
        a.lastApplied.set(mapped.commitTime());
        a.lastLagMicros.set(endToEndLag.toNanos() / 1_000);
    }

    @Override
    public void onCopied(String binding, long rows) {
        counter(binding, MetricNames.OUTCOME_CAPTURED).increment(rows);
        counter(binding, MetricNames.OUTCOME_APPLIED).increment(rows);
    }

    @Override
    public void onSkipped(String binding, ChangeEvent event, String reason) {
        counter(binding, MetricNames.OUTCOME_SKIPPED_PREFIX + reason).increment();
    }

    @Override
    public void onDeadLettered(String binding, String reason) {
        counter(binding, MetricNames.OUTCOME_DEAD_LETTERED).increment();
        activity(binding).deadLettered.incrementAndGet();
    }

    @Override
    public void onConflict(String binding, ConflictRecord conflict) {
        String key = binding + '\u0000' + conflict.conflict().target().label() + '\u0000' + conflict.policy().label()
                + '\u0000' + conflict.conflict().kind().label() + '\u0000' + conflict.resolution().decision().label();
        counters.computeIfAbsent(key, k -> Counter.builder(MetricNames.CONFLICTS)
                .description("Conflicts met by the appliers of two-way bindings, by what was decided")
                .baseUnit("conflicts")
                .tag(MetricNames.TAG_BINDING, binding).tag(MetricNames.TAG_SYSTEM, conflict.conflict().target().label())
                .tag(MetricNames.TAG_POLICY, conflict.policy().label()).tag(MetricNames.TAG_KIND, conflict.conflict().kind().label())
                .tag(MetricNames.TAG_DECISION, conflict.resolution().decision().label())
                .register(registry)).increment();
    }

    @Override
    public void onHeld(String binding, ChangeEvent mapped) {
        counter(binding, MetricNames.OUTCOME_HELD).increment();
    }

    @Override
    public void onDriftHeld(String binding, ChangeEvent captured) {
        counter(binding, MetricNames.OUTCOME_HELD_DRIFT).increment();
    }

    /** Conflicts counted so far for {@code binding}, over all targets, policies, kinds and decisions. */
    public double conflicts(String binding) {
        return registry.find(MetricNames.CONFLICTS).tag(MetricNames.TAG_BINDING, binding).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    @Override
    public void onHeartbeat(String system) {
        CaptureActivity capture = captures.get(system);
        if (capture == null) {
            return;
        }
        Instant now = clock.instant();
        capture.lastHeartbeat.set(now);
        // Idle source: nothing is waiting to be captured, so the capture lag is zero.
        Instant captured = capture.lastCapture.get();
        if (captured == null || captured.isBefore(now.minusSeconds(1))) {
            capture.lagMicros.set(0);
        }
    }

    /** When the capture of {@code system} last sent a heartbeat or a captured change; null before it did. */
    public Instant lastStreamed(String system) {
        CaptureActivity capture = captures.get(system);
        if (capture == null) {
            return null;
        }
        Instant heartbeat = capture.lastHeartbeat.get();
        Instant change = capture.lastCapture.get();
        return heartbeat == null ? change : change == null || heartbeat.isAfter(change) ? heartbeat : change;
    }

    /** True once every captured database has streamed: sent a heartbeat or a captured change. */
    public boolean allCapturesStreaming() {
        return captures.values().stream().allMatch(CaptureActivity::streaming);
    }

    /**
     * What {@code /status} shows for each captured system: whether it streams yet, and when its
     * newest heartbeat and captured change came. A capture that never streams is the first thing
     * to look at when a bridge does not become ready.
     */
    public Map<String, Map<String, Object>> captureStatus() {
        Map<String, Map<String, Object>> doc = new TreeMap<>();
        captures.forEach((system, c) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("streaming", c.streaming());
            entry.put("lastHeartbeat", Objects.toString(c.lastHeartbeat.get(), null));
            entry.put("lastCapture", Objects.toString(c.lastCapture.get(), null));
            doc.put(system, entry);
        });
        return doc;
    }

    /** What {@code /status} shows for a binding. */
    public BindingActivity activity(String binding) {
        return activity.computeIfAbsent(binding, b -> new BindingActivity());
    }

    /** Count of a binding's changes with {@code outcome} so far. */
    public double count(String binding, String outcome) {
        return counter(binding, outcome).count();
    }

    /** The end-to-end lag timer of a binding. */
    public Timer lagTimer(String binding) {
        return lagTimers.computeIfAbsent(binding, b -> Timer.builder(MetricNames.REPLICATION_LAG)
                .description("Time from the source commit of a change to the commit of its target transaction")
                .tag(MetricNames.TAG_BINDING, b).tag(MetricNames.TAG_DIRECTION, direction(b))
                // Client-side percentiles (a Prometheus summary): readable without histogram_quantile.
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry));
    }

    private Counter counter(String binding, String outcome) {
        return counters.computeIfAbsent(binding + '\u0000' + outcome, k -> Counter.builder(MetricNames.EVENTS)
                .description("Changes by binding, direction and outcome")
                .baseUnit("events")
                .tag(MetricNames.TAG_BINDING, binding).tag(MetricNames.TAG_DIRECTION, direction(binding))
                .tag(MetricNames.TAG_OUTCOME, outcome)
                .register(registry));
    }

    private String direction(String binding) {
        return directionByBinding.getOrDefault(binding, "unknown");
    }

    /** Capture lag and heartbeats of one captured database. */
    private static final class CaptureActivity {
        final AtomicLong lagMicros = new AtomicLong();
        final AtomicReference<Instant> lastHeartbeat = new AtomicReference<>();
        final AtomicReference<Instant> lastCapture = new AtomicReference<>();

        /** Forgets what a capture that restarts sent before. */
        void reset() {
            lagMicros.set(0);
            lastHeartbeat.set(null);
            lastCapture.set(null);
        }

        /** True once the capture sent a heartbeat or a captured change. */
        boolean streaming() {
            return lastHeartbeat.get() != null || lastCapture.get() != null;
        }

        double heartbeatAgeSeconds(Clock clock) {
            Instant hb = lastHeartbeat.get();
            return hb == null ? Double.NaN : Duration.between(hb, clock.instant()).toMillis() / 1000.0;
        }
    }

    /** Latest activity of one binding, for status reporting. */
    public static final class BindingActivity {
        final AtomicReference<Instant> lastCaptured = new AtomicReference<>();
        final AtomicReference<Instant> lastApplied = new AtomicReference<>();
        final AtomicLong lastLagMicros = new AtomicLong();
        final AtomicLong deadLettered = new AtomicLong();

        /** Source commit time of the newest captured change, or null. */
        public Instant lastCaptured() {
            return lastCaptured.get();
        }

        /** Source commit time of the newest applied change, or null. */
        public Instant lastApplied() {
            return lastApplied.get();
        }

        /** End-to-end lag of the newest applied change. */
        public Duration lastLag() {
            return Duration.ofNanos(lastLagMicros.get() * 1_000);
        }

        /** Changes parked in the dead-letter topic. */
        public long deadLettered() {
            return deadLettered.get();
        }
    }
}
