package dev.cutover.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Reads Cutover's own meters back for people: the demo's progress lines and the benchmark report. */
public final class MetricsView {

    private final MeterRegistry registry;

    public MetricsView(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Changes with {@code outcome} over all bindings so far. */
    public long events(String outcome) {
        double total = 0;
        for (Counter c : registry.find(MetricNames.EVENTS).tag(MetricNames.TAG_OUTCOME, outcome).counters()) {
            total += c.count();
        }
        return (long) total;
    }

    /** Records not yet applied, over every target system, or -1 when unknown. */
    public long consumerLag() {
        var gauges = registry.find(MetricNames.CONSUMER_LAG).gauges();
        return gauges.isEmpty() ? -1 : (long) gauges.stream().mapToDouble(g -> g.value()).sum();
    }

    /**
     * End-to-end lag at {@code percentile} (0.5, 0.95 or 0.99: the published ones) over all
     * bindings' changes so far; the largest across bindings.
     */
    public Duration lagPercentile(double percentile) {
        double worstSeconds = 0;
        for (Timer t : registry.find(MetricNames.REPLICATION_LAG).timers()) {
            HistogramSnapshot snapshot = t.takeSnapshot();
            for (ValueAtPercentile v : snapshot.percentileValues()) {
                if (Math.abs(v.percentile() - percentile) < 1e-9) {
                    worstSeconds = Math.max(worstSeconds, v.value(TimeUnit.SECONDS));
                }
            }
        }
        return Duration.ofNanos((long) (worstSeconds * 1e9));
    }

    /** "p50 12 ms, p95 40 ms, p99 85 ms". */
    public String lagSummary() {
        return String.format(Locale.ROOT, "p50 %d ms, p95 %d ms, p99 %d ms", lagPercentile(0.5).toMillis(),
                lagPercentile(0.95).toMillis(), lagPercentile(0.99).toMillis());
    }
}
