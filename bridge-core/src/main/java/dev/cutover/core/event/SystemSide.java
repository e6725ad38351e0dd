package dev.cutover.core.event;

/** One side of a rewrite: the legacy system or the new one. */
public enum SystemSide {
    LEGACY("legacy"),
    NEW("new");

    private final String label;

    SystemSide(String label) {
        this.label = label;
    }

    /** The lowercase name used in configuration, topic names and metric tags. */
    public String label() {
        return label;
    }

    /** The other side. */
    public SystemSide opposite() {
        return this == LEGACY ? NEW : LEGACY;
    }
}
