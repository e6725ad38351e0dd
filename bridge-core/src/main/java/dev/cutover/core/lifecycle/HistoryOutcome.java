package dev.cutover.core.lifecycle;

/** How far a lifecycle step of a {@link HistoryEntry} got. */
public enum HistoryOutcome {
    /** The step began; a {@code done} or {@code failed} entry of the same event follows. */
    STARTED("started"),
    /** The step completed. */
    DONE("done"),
    /** The step did not complete; the message says why. */
    FAILED("failed"),
    /** Something happened that is not a step with a beginning and an end. */
    INFO("info");

    private final String label;

    HistoryOutcome(String label) {
        this.label = label;
    }

    /** The name stored and shown, e.g. {@code done}. */
    public String label() {
        return label;
    }

    /** Resolves a label, or returns null when none matches. */
    public static HistoryOutcome fromLabel(String label) {
        for (HistoryOutcome o : values()) {
            if (o.label.equals(label)) {
                return o;
            }
        }
        return null;
    }
}
