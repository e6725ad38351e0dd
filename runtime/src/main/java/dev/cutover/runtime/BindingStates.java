package dev.cutover.runtime;

import dev.cutover.core.event.SystemSide;
import dev.cutover.kafka.HeldBinding;
import dev.cutover.kafka.KafkaApplyLoop;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Works out each binding's {@link BindingState} from the live state of what runs for it: its
 * applier's holds (an operator's pause, a failure, drift), the drift board, the stored pauses, the
 * tables its capture is loading, and the outages holding it up. Read on every call, never stale.
 * Thread-safe as the components it reads.
 */
final class BindingStates {

    private final Map<SystemSide, KafkaApplyLoop> loops;
    private final DriftBoard drift;
    private final BindingControl control;
    private final Supplier<Map<String, List<String>>> loading;
    private final Predicate<String> switching;

    /**
     * @param loops the pipeline's apply loops, read as they fill while it starts
     * @param loading the tables each capture is loading, by system label
     * @param switching whether a binding's direction is being switched
     */
    BindingStates(Map<SystemSide, KafkaApplyLoop> loops, DriftBoard drift, BindingControl control,
            Supplier<Map<String, List<String>>> loading, Predicate<String> switching) {
        this.loops = loops;
        this.drift = drift;
        this.control = control;
        this.loading = loading;
        this.switching = switching;
    }

    /**
     * The state of one direction of a binding.
     *
     * @param running whether the pipeline runs
     * @param degraded the bindings an outage holds up
     */
    BindingState of(CompiledBinding b, boolean running, Set<String> degraded) {
        if (!running) {
            return BindingState.STOPPED;
        }
        HeldBinding held = held(b);
        if (held.reasons().contains(HeldBinding.Reason.FAILURE)) {
            return BindingState.FAILED;
        }
        if (switching.test(b.name())) {
            return BindingState.SWITCHING;
        }
        boolean loadHeld = held.reasons().contains(HeldBinding.Reason.LOAD);
        if (held.reasons().size() > (loadHeld ? 1 : 0) || drift.isPaused(b.name()) || control.pausedByOperator(b.name())) {
            return BindingState.PAUSED;
        }
        if (loadHeld || !b.batched() && loading.get().getOrDefault(b.source().label(), List.of()).contains(b.sourceTable().toString())) {
            return BindingState.LOADING;
        }
        return degraded.contains(b.name()) ? BindingState.DEGRADED : BindingState.STREAMING;
    }

    /** What holds one direction of a binding back in its applier; no reasons when nothing does. */
    HeldBinding held(CompiledBinding b) {
        KafkaApplyLoop loop = loops.get(b.target());
        HeldBinding held = loop == null ? null : loop.held().get(b.name());
        return held == null ? new HeldBinding(b.name(), Set.of(), null, null, null) : held;
    }

    /** Why a paused binding is paused, for status: {@code operator}, {@code schema drift}, or both. */
    String pausedBy(CompiledBinding b) {
        HeldBinding held = held(b);
        boolean byOperator = held.reasons().contains(HeldBinding.Reason.OPERATOR) || control.pausedByOperator(b.name());
        boolean byDrift = held.reasons().contains(HeldBinding.Reason.DRIFT) || drift.isPaused(b.name());
        return byOperator && byDrift ? "operator, schema drift" : byOperator ? "operator" : byDrift ? "schema drift" : null;
    }
}
