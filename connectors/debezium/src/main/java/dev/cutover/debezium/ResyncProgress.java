package dev.cutover.debezium;

import dev.cutover.core.event.TableId;
import java.time.Instant;
import java.util.Objects;

/**
 * Where one resync of a captured table stands: a re-copy of its rows (or of the rows a condition
 * selects) in bulk or through an incremental snapshot, while streaming goes on. A snapshot taken at one
 * moment; immutable and thread-safe.
 *
 * @param id the resync's id, unique within the capture
 * @param table the captured table being re-copied
 * @param condition the SQL condition on the table's rows, as the user wrote it; null for the whole table
 * @param state where the resync is
 * @param rowsRead how many rows the resync has delivered so far
 * @param chunks how many chunks were copied (in bulk) or Debezium has started reading
 * @param requestedAt when the signal was written
 * @param startedAt when Debezium began reading the table; null before
 * @param finishedAt when the resync ended (finished, aborted or failed); null before
 * @param message why it aborted or failed, or what Debezium reported at the end; null otherwise
 */
public record ResyncProgress(String id, TableId table, String condition, State state, long rowsRead, long chunks,
        Instant requestedAt, Instant startedAt, Instant finishedAt, String message) {

    /** The states of a resync; the last three are final. */
    public enum State {
        /** Asked for; the table is not being read yet. */
        REQUESTED,
        /** The table is read chunk by chunk. */
        RUNNING,
        /** Every selected row was delivered. */
        FINISHED,
        /** Stopped by a {@code stop-snapshot} signal; the table is only partly re-copied. */
        ABORTED,
        /** The table could not be read (e.g. the condition failed in the database). */
        FAILED;

        /** True once nothing changes any more. */
        public boolean done() {
            return this == FINISHED || this == ABORTED || this == FAILED;
        }
    }

    public ResyncProgress {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
