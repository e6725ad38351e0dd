package dev.cutover.debezium;

/** What a capture does with the rows a table already holds when it starts for the first time. */
public enum SnapshotMode {
    /**
     * Reads every existing row first, delivered as {@link dev.cutover.core.event.Operation#READ}
     * events, then streams changes committed after the snapshot. Only on the first start: once
     * the snapshot completed, restarts resume from the stored position.
     */
    INITIAL("initial"),
    /**
     * Delivers no existing rows; streams changes committed once the replication slot exists and
     * has reached its consistent point (PostgreSQL waits for transactions running at creation).
     */
    NO_DATA("no_data");

    private final String debeziumName;

    SnapshotMode(String debeziumName) {
        this.debeziumName = debeziumName;
    }

    /** The value of Debezium's {@code snapshot.mode} property. */
    public String debeziumName() {
        return debeziumName;
    }
}
