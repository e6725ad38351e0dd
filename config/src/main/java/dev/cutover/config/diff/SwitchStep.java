package dev.cutover.config.diff;

/** One step of a guarded direction {@link Switch}, in the order the switch runs them. */
public enum SwitchStep {
    /** Changes already captured in the old direction are applied before anything else moves. */
    DRAIN("drain"),
    /** The two tables are compared; the switch stops, changing nothing, when they differ. */
    VERIFY("verify"),
    /** Both systems will take writes: the keys they generate are checked not to collide. */
    KEYS("keys"),
    /** The source table is loaded into the target, as when a binding starts. */
    LOAD("load"),
    /** The new direction starts on tables that were not synced. */
    START("start"),
    /** Nothing syncs any more; topics and state are kept. */
    STOP("stop"),
    /** The new direction takes over where the old one stopped. */
    SWITCH("switch");

    private final String label;

    SwitchStep(String label) {
        this.label = label;
    }

    /** The name shown in plans. */
    public String label() {
        return label;
    }
}
