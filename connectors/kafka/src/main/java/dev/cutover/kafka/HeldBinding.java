package dev.cutover.kafka;

import dev.cutover.core.drift.DriftReport;
import java.time.Instant;
import java.util.Set;

/**
 * Why an apply loop holds a binding's changes back, as of one moment. Immutable.
 *
 * @param binding the binding
 * @param reasons why it is held; empty when it is not
 * @param drift what drifted, when held for {@link Reason#DRIFT}; else null
 * @param failure why it failed, when held for {@link Reason#FAILURE}; else null
 * @param since when it was first held; null when it is not
 */
public record HeldBinding(String binding, Set<Reason> reasons, DriftReport drift, String failure, Instant since) {

    /** Why a binding's changes wait. */
    public enum Reason {
        /** Its written table no longer fits the compiled mapping. */
        DRIFT,
        /** An operator paused it. */
        OPERATOR,
        /** The target refused its changes for a reason no retry cures. */
        FAILURE,
        /** Its table's existing rows are being copied into the target; its changes are applied after them. */
        LOAD
    }

    public HeldBinding {
        reasons = Set.copyOf(reasons);
    }

    /** True when the binding's changes wait. */
    public boolean held() {
        return !reasons.isEmpty();
    }
}
