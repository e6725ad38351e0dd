package dev.cutover.debezium;

import dev.cutover.core.event.TableId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * Copies the existing rows of captured tables itself, faster than Debezium's incremental snapshot
 * can, for the tables it {@linkplain #copies copies}. A capture hands them over once it streams,
 * so every change committed after the copy's snapshot is captured; it records a table as loaded
 * only when its copy completed, so a capture that restarts before copies the table again.
 */
public interface BulkLoader {

    /** Copies nothing: every load is Debezium's incremental snapshot. */
    BulkLoader NONE = new BulkLoader() {
        @Override
        public boolean copies(TableId table) {
            return false;
        }

        @Override
        public CompletableFuture<Set<TableId>> copy(List<TableId> tables) {
            return CompletableFuture.completedFuture(Set.copyOf(tables));
        }

        @Override
        public CompletableFuture<Long> resync(TableId table, String condition, LongConsumer copied) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("table " + table + " is not copied in bulk"));
        }
    };

    /** True when this loader copies the existing rows of {@code table}. */
    boolean copies(TableId table);

    /**
     * Copies the existing rows of {@code tables}, on threads of its own.
     *
     * @return completes with the tables it gave up copying (their rows are then loaded by Debezium's
     *     incremental snapshot), or exceptionally when the copy failed and the capture should stop
     */
    CompletableFuture<Set<TableId>> copy(List<TableId> tables);

    /**
     * Copies again the rows of {@code table} that {@code condition} selects over what the target
     * holds, on threads of its own, while changes keep streaming (they wait until the copy is in,
     * so none is overtaken by an older copied row). Deletes nothing.
     *
     * @param condition SQL of the source database selecting the rows; null for every row
     * @param copied told how many rows each chunk wrote, once written
     * @return completes with the rows copied; cancelled when the capture restarts or stops first;
     *     exceptionally when the copy failed (only the copy: the table can be resynced another way),
     *     with an {@link IllegalArgumentException} for a table this loader does not {@linkplain #copies copy}
     */
    CompletableFuture<Long> resync(TableId table, String condition, LongConsumer copied);
}
