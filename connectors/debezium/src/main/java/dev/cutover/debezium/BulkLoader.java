package dev.cutover.debezium;

import dev.cutover.core.event.TableId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

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
}
