package dev.cutover.runtime;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.retry.Outage;
import dev.cutover.kafka.HeldBinding;
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
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@code /status} says of a running pipeline: each binding's state, counts, lag and, when
 * held up, why; and the components waiting out an outage. It reads the components' live state on
 * every call, so it never goes stale. Thread-safe as the components it reads.
 */
final class PipelineStatus {

    /** The target label of a binding that writes nothing. */
    static final String NO_TARGET = "none";

    private final List<CompiledBinding> bindings;
    private final List<BindingOptions> unsynced;
    private final Map<String, TableMapping> mappings;
    private final MicrometerPipelineListener metrics;
    private final Map<SystemSide, CaptureSupervisor> captures;
    private final Map<SystemSide, KafkaApplyLoop> applyLoops;
    private final Map<String, BatchScheduler> batches;
    private final DriftBoard drift;
    private final BindingStates states;

    /** The maps are the pipeline's own, read as they fill while it starts. */
    PipelineStatus(List<CompiledBinding> bindings, List<BindingOptions> unsynced, Map<String, TableMapping> mappings,
            MicrometerPipelineListener metrics, Map<SystemSide, CaptureSupervisor> captures,
            Map<SystemSide, KafkaApplyLoop> applyLoops, Map<String, BatchScheduler> batches, DriftBoard drift,
            BindingStates states) {
        this.bindings = bindings;
        this.unsynced = unsynced;
        this.mappings = mappings;
        this.metrics = metrics;
        this.captures = captures;
        this.applyLoops = applyLoops;
        this.batches = batches;
        this.drift = drift;
        this.states = states;
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

    /** The state of each direction of each synced binding, and {@code NOT_SYNCED} for the others, by binding and target system label. */
    Map<String, Map<String, BindingState>> states(boolean running) {
        Set<String> degraded = degraded().keySet();
        Map<String, Map<String, BindingState>> all = new LinkedHashMap<>();
        for (CompiledBinding b : bindings) {
            all.computeIfAbsent(b.name(), k -> new LinkedHashMap<>()).put(b.target().label(), states.of(b, running, degraded));
        }
        unsynced.forEach(b -> all.put(b.name(), Map.of(NO_TARGET, BindingState.NOT_SYNCED)));
        return all;
    }

    /** The bindings an outage holds up, each with the component and the cause. */
    private Map<String, String> degraded() {
        Map<String, String> degraded = new HashMap<>();
        for (Map<String, Object> outage : outages()) {
            for (Object binding : (List<?>) outage.get("bindings")) {
                degraded.putIfAbsent((String) binding, outage.get("component") + ": " + outage.get("cause"));
            }
        }
        return degraded;
    }

    /** The bindings failed in their applier, each as {@code binding 'x' failed (applier of new, since …): cause}, for readiness. */
    List<String> failures() {
        List<String> failures = new ArrayList<>();
        for (CompiledBinding b : bindings) {
            HeldBinding held = states.held(b);
            if (held.reasons().contains(HeldBinding.Reason.FAILURE)) {
                failures.add("binding '" + b.name() + "' failed (applier of " + b.target().label() + ", since " + held.since()
                        + "): " + held.failure() + "; its changes wait; fix it, then cutover resume --binding " + b.name());
            }
        }
        return failures;
    }

    List<Map<String, Object>> bindings(boolean running) {
        List<Map<String, Object>> list = new ArrayList<>();
        Map<String, String> degraded = degraded();
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
            BindingState state = states.of(b, running, degraded.keySet());
            doc.put("state", state.name());
            if (state == BindingState.DEGRADED) {
                doc.put("degraded", degraded.get(b.name()));
            }
            if (state == BindingState.PAUSED) {
                doc.put("pausedBy", states.pausedBy(b));
            }
            if (state == BindingState.FAILED) {
                HeldBinding held = states.held(b);
                Map<String, Object> failure = new LinkedHashMap<>();
                failure.put("cause", held.failure());
                failure.put("since", String.valueOf(held.since()));
                failure.put("changesWait", "on " + b.route().topic() + ", uncommitted");
                failure.put("resume", "fix the cause, then cutover resume --binding " + b.name());
                doc.put("failure", failure);
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
            doc.put("state", BindingState.NOT_SYNCED.name());
            list.add(doc);
        }
        return list;
    }
}
