package dev.cutover.debezium;

/**
 * What a capture does with the rows a table already holds when the capture first reads it.
 *
 * <p>Either way Debezium itself takes no blocking snapshot: the capture streams from the moment
 * its replication slot was created (MariaDB: from the binlog position at its first start), and existing rows, when wanted, are loaded by an
 * <em>incremental snapshot</em> that runs while streaming goes on.
 */
public enum SnapshotMode {
    /**
     * Loads the existing rows of every captured table, delivered as
     * {@link dev.cutover.core.event.Operation#READ} events interleaved with the streamed changes.
     *
     * <p>The load is requested once per table: for every table on the capture's first start, and
     * for a table added to a capture later, for that table alone. It reads the table in chunks of
     * {@link CaptureOptions#snapshotChunkSize()} rows between two watermarks written to the
     * capture's signal table; a row changed by a streamed event while its chunk is in flight is
     * dropped from the chunk, so a row deleted during the load ends up deleted downstream. The
     * load's progress is part of the committed position: after a crash or a stop it resumes
     * after the last acknowledged chunk instead of starting again.
     */
    INITIAL,
    /**
     * Loads no existing rows, ever: delivers only changes committed once the replication slot
     * exists and has reached its consistent point (PostgreSQL waits for transactions running at
     * creation), or, on MariaDB, after the binlog position the capture read at its first start. Leaves the record of requested loads untouched, so switching to {@link #INITIAL}
     * later loads every table that was never loaded.
     */
    NO_DATA
}
