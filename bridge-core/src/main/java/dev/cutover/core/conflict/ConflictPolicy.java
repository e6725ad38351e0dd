package dev.cutover.core.conflict;

/** How a two-way binding decides a conflict; see {@link ConflictSpec}. */
public enum ConflictPolicy {
    /** The legacy system's version wins. */
    LEGACY_WINS("legacy-wins"),
    /** The new system's version wins. */
    NEW_WINS("new-wins"),
    /** The version with the greater value in a timestamp or version column wins; ties go to the fallback. */
    NEWEST_WINS("newest-wins"),
    /** Columns changed on one side only are kept from that side; columns changed on both go to the fallback. */
    MERGE("merge"),
    /** The target is left untouched and the conflict parked until a person resolves it. */
    MANUAL("manual"),
    /** A {@link ConflictResolver} class named in the configuration decides. */
    CUSTOM("custom");

    private final String label;

    ConflictPolicy(String label) {
        this.label = label;
    }

    /** The name used in configuration files and metric tags. */
    public String label() {
        return label;
    }

    /** True for the policies that may serve as a fallback: they decide every conflict without more input. */
    public boolean decidesAlone() {
        return this == LEGACY_WINS || this == NEW_WINS;
    }

    /** Resolves a configuration label, or returns null when none matches. */
    public static ConflictPolicy fromLabel(String label) {
        for (ConflictPolicy p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        return null;
    }
}
