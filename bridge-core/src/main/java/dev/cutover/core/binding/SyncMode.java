package dev.cutover.core.binding;

/** How a one-way binding moves its changes. */
public enum SyncMode {
    /** Event-driven: every change is captured from the database log as it commits. */
    STREAM("stream"),
    /** Copied on a schedule. */
    BATCH("batch");

    private final String label;

    SyncMode(String label) {
        this.label = label;
    }

    /** The name used in configuration files. */
    public String label() {
        return label;
    }
}
