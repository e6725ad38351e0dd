package dev.cutover.runtime;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.retry.Outage;
import dev.cutover.kafka.KafkaApplyLoop;
import dev.cutover.runtime.batch.BatchScheduler;
import dev.cutover.runtime.metrics.MetricNames;
import dev.cutover.runtime.metrics.MicrometerPipelineListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What {@code /status} says of a running pipeline: each binding's state, counts, lag and, when
 * held up, why; and the components waiting out an outage. It reads the components' live state on
 * every call, so it never goes stale. Thread-safe as the components it reads.
 */
final class PipelineStatus {

    private final List<CompiledBinding> bindings;
    private final List<BindingOptions> unsynced;
    private final Map<String, TableMapping> mappings;
    private final MicrometerPipelineListener metrics;
    private final Map<SystemSide, CaptureSupervisor> captures;
    private final Map<SystemSide, KafkaApplyLoop> applyLoops;
    private final Map<String, BatchScheduler> batches;
    private final DriftBoard drift;

    /** The maps are the pipeline's own, read as they fill while it starts. */
    PipelineStatus(List<CompiledBinding> bindings, List<BindingOptions> unsynced, Map<String, TableMapping> mappings,
            MicrometerPipelineListener metrics, Map<SystemSide, CaptureSupervisor> captures,
            Map<SystemSide, KafkaApplyLoop> applyLoops, Map<String, BatchScheduler> batches, DriftBoard drift) {
        this.bindings = bindings;
        this.unsynced = unsynced;
        this.mappings = mappings;
        this.metrics = metrics;
        this.captures = captures;
        this.applyLoops = applyLoops;
        this.batches = batches;
        this.drift = drift;
    }

    /**
     * The components that keep retrying something that is down right now, each with the bindings it
     * holds up, the cause, since when and how often it tried; empty while everything flows.
     */
    List<Map<String, Object>> outages() {
        List<Map<String, Object>> list = new ArrayList<>();
        captures.forEach((side, capture) -> addOutage(list, "capture", side, capture.outage(),
                bindings.stream().filter(b -> b.source() == side && !b.batched())));
        applyLoops.forEach((side, loop) -> addOutage(list, "applier", side, loop.outage(),
                bindings.stream().filter(b -> b.target() == side)));
        return list;
    }

    /** Why each capture that is not streaming is down, by its system's label; captures that stream are left out. */
    Map<String, String> captureOutages() {
        Map<String, String> causes = new LinkedHashMap<>();
        captures.forEach((side, capture) -> {
            Outage outage = capture.outage();
            if (outage != null) {
                causes.put(side.label(), outage.cause());
            }
        });
        return causes;
    }

    private static void addOutage(List<Map<String, Object>> list, String component, SystemSide side, Outage outage,
            Stream<CompiledBinding> affected) {
        if (outage == null) {
            return;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("component", component + " of " + side.label());
        doc.put("system", side.label());
        doc.put("bindings", affected.map(CompiledBinding::name).distinct().toList());
        doc.put("cause", outage.cause());
        doc.put("since", outage.since().toString());
        doc.put("attempts", outage.attempts());
        doc.put("nextAttempt", Objects.toString(outage.nextAttempt(), null));
        list.add(doc);
    }

    List<Map<String, Object>> bindings(boolean running) {
        List<Map<String, Object>> list = new ArrayList<>();
        Map<String, String> degraded = new HashMap<>();
        for (Map<String, Object> outage : outages()) {
            for (Object binding : (List<?>) outage.get("bindings")) {
                degraded.putIfAbsent((String) binding, outage.get("component") + ": " + outage.get("cause"));
            }
        }
        for (CompiledBinding b : bindings) {
            MicrometerPipelineListener.BindingActivity a = metrics.activity(b.name());
            KafkaApplyLoop loop = applyLoops.get(b.target());
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", b.name());
            doc.put("target", b.target().label());
            doc.put("direction", b.options().direction().label());
            doc.put("mode", b.options().mode().label());
            doc.put("legacy", b.mapping().legacySchema().table().toString());
            doc.put("new", b.mapping().newSchema().table().toString());
            doc.put("topic", b.route().topic());
            doc.put("state", !running ? "STOPPED" : drift.isPaused(b.name()) ? DriftBoard.PAUSED_DRIFT
                    : degraded.containsKey(b.name()) ? Pipeline.DEGRADED : "RUNNING");
            if (degraded.containsKey(b.name())) {
                doc.put("degraded", degraded.get(b.name()));
            }
            if (drift.isPaused(b.name())) {
                doc.put("drift", drift.status(b.name()));
            }
            doc.put("captured", (long) metrics.count(b.name(), MetricNames.OUTCOME_CAPTURED));
            doc.put("applied", (long) metrics.count(b.name(), MetricNames.OUTCOME_APPLIED));
            doc.put("deadLettered", a.deadLettered());
            doc.put("lastCapturedCommit", Objects.toString(a.lastCaptured(), null));
            doc.put("lastAppliedCommit", Objects.toString(a.lastApplied(), null));
            doc.put("lastLagMillis", a.lastLag().toMillis());
            doc.put("consumerLag", loop == null ? null : loop.lag());
            if (b.batched()) {
                doc.putAll(batches.get(b.name()).status());
            }
            list.add(doc);
        }
        for (BindingOptions b : unsynced) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", b.name());
            doc.put("direction", b.direction().label());
            doc.put("strategy", b.strategy().label());
            doc.put("legacy", mappings.get(b.name()).legacySchema().table().toString());
            doc.put("new", mappings.get(b.name()).newSchema().table().toString());
            doc.put("state", Pipeline.NOT_SYNCED);
            list.add(doc);
        }
        return list;
    }
}
