package dev.cutover.debezium.internal;

/** What a record from the PostgreSQL or MariaDB connector is; see {@link RecordClassifier}. */
public enum RecordKind {
    /** A row change of a captured table, streamed or read by a load of existing rows. */
    DATA,
    /** Debezium's periodic heartbeat; carries the current position. */
    HEARTBEAT,
    /** A row change of the heartbeat table, caused by the heartbeat action query. */
    HEARTBEAT_TABLE,
    /** A row change of the echo marker table: an applier marked its transaction (see {@link EchoFilter}). */
    ECHO_MARKER,
    /** A row change of the signal table: a signal, or a watermark of a load's chunk. */
    SIGNAL_TABLE,
    /**
     * A row read by a load of a table the capture no longer captures: the table was removed from
     * the capture while Debezium was loading it.
     */
    UNCAPTURED_READ,
    /** One of Debezium's notifications, e.g. about the progress of a load. */
    NOTIFICATION,
    /** A transaction BEGIN or END marker. */
    TRANSACTION,
    /** Anything else (tombstones, schema changes, logical decoding messages). */
    OTHER
}
