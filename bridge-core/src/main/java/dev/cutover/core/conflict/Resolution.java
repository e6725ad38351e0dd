package dev.cutover.core.conflict;

import dev.cutover.core.event.RowImage;
import java.util.Objects;

/**
 * What a {@link ConflictResolver} decided.
 *
 * @param decision what the target gets
 * @param row {@link Decision#WRITE_ROW}: the row to write, in the target's terms, holding at least
 *     the key; null otherwise
 * @param reason one short sentence saying why, for the conflict record (no credentials)
 */
public record Resolution(Decision decision, RowImage row, String reason) {

    /** What happens to the target row. */
    public enum Decision {
        /** The incoming change is applied: its row is written, or the row deleted. */
        APPLY_INCOMING("applied_incoming"),
        /** The target row stays as it is; the incoming change is skipped. */
        KEEP_CURRENT("kept_current"),
        /** {@link Resolution#row()} is written (a merge, or a row a person supplied). */
        WRITE_ROW("wrote_row"),
        /** Nothing is written; the conflict waits for a person, and later changes of the key wait behind it. */
        PARK("parked");

        private final String label;

        Decision(String label) {
            this.label = label;
        }

        /** The name used in conflict records and metric tags. */
        public String label() {
            return label;
        }

        /** Resolves a label, or returns null when none matches. */
        public static Decision fromLabel(String label) {
            for (Decision d : values()) {
                if (d.label.equals(label)) {
                    return d;
                }
            }
            return null;
        }
    }

    public Resolution {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
        if ((decision == Decision.WRITE_ROW) != (row != null)) {
            throw new IllegalArgumentException("a row goes with decision " + Decision.WRITE_ROW.label() + " and only with it");
        }
    }

    public static Resolution applyIncoming(String reason) {
        return new Resolution(Decision.APPLY_INCOMING, null, reason);
    }

    public static Resolution keepCurrent(String reason) {
        return new Resolution(Decision.KEEP_CURRENT, null, reason);
    }

    public static Resolution writeRow(RowImage row, String reason) {
        return new Resolution(Decision.WRITE_ROW, row, reason);
    }

    public static Resolution park(String reason) {
        return new Resolution(Decision.PARK, null, reason);
    }
}
