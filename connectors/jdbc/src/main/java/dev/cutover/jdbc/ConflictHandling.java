package dev.cutover.jdbc;

import dev.cutover.core.conflict.ConflictCheck;
import dev.cutover.core.conflict.ConflictSink;
import dev.cutover.core.event.TableId;
import java.util.Map;
import java.util.Objects;

/**
 * Makes a {@link JdbcApplier} check the changes of some of its tables for conflicts with the
 * target rows (two-way bindings), and where to log what it finds.
 *
 * <p>Immutable; the checks and the sink must be thread-safe as their own contracts say.
 *
 * @param checks the check of each checked target table; tables not listed are written without
 *     checks, reads or any other cost; never null
 * @param sink stores the conflict log entries of every checked table, durably, before the apply
 *     transaction commits; never null
 */
public record ConflictHandling(Map<TableId, ConflictCheck> checks, ConflictSink sink) {

    public ConflictHandling {
        checks = Map.copyOf(checks);
        Objects.requireNonNull(sink, "sink");
    }
}
