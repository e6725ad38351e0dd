package dev.cutover.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One row change in canonical form, independent of the database it came from.
 *
 * <p>Build events with the static factories, which check that the images fit the operation:
 * creates and snapshot reads carry an after image, deletes a before image (at least the key),
 * updates an after image and, where the source logs it, a before image.
 *
 * @param origin the system whose database produced the change
 * @param table the table, in the origin system's (or, once mapped, the target system's) names
 * @param operation what happened
 * @param keyColumns the columns that identify the row, in key order; never empty
 * @param before the row before the change; null for creates and reads, and for updates whose
 *     source does not log it
 * @param after the row after the change; null for deletes
 * @param commitTime when the source transaction committed
 * @param position where the change stands in the source log
 * @param transactionId the source transaction's id; null when the source has none
 */
public record ChangeEvent(
        SystemSide origin,
        TableId table,
        Operation operation,
        List<String> keyColumns,
        RowImage before,
        RowImage after,
        Instant commitTime,
        SourcePosition position,
        String transactionId) {

    public ChangeEvent {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(commitTime, "commitTime");
        Objects.requireNonNull(position, "position");
        keyColumns = List.copyOf(keyColumns);
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("change of " + table + " has no key columns");
        }
        if (operation.hasAfterImage() && after == null) {
            throw new IllegalArgumentException(operation + " of " + table + " needs an after image");
        }
        if (!operation.hasAfterImage() && (after != null || before == null)) {
            throw new IllegalArgumentException("DELETE of " + table + " needs a before image and no after image");
        }
        RowImage keySource = operation.hasAfterImage() ? after : before;
        for (String k : keyColumns) {
            if (!keySource.has(k)) {
                throw new IllegalArgumentException(operation + " of " + table + " lacks key column '" + k + "'");
            }
        }
    }

    /** A row inserted at the source. */
    public static ChangeEvent create(SystemSide origin, TableId table, List<String> keyColumns, RowImage after,
            Instant commitTime, SourcePosition position, String transactionId) {
        return new ChangeEvent(origin, table, Operation.CREATE, keyColumns, null, after, commitTime, position, transactionId);
    }

    /** A row changed at the source; {@code before} may be null when the source does not log it. */
    public static ChangeEvent update(SystemSide origin, TableId table, List<String> keyColumns, RowImage before,
            RowImage after, Instant commitTime, SourcePosition position, String transactionId) {
        return new ChangeEvent(origin, table, Operation.UPDATE, keyColumns, before, after, commitTime, position, transactionId);
    }

    /** A row removed at the source; {@code before} holds at least the key columns. */
    public static ChangeEvent delete(SystemSide origin, TableId table, List<String> keyColumns, RowImage before,
            Instant commitTime, SourcePosition position, String transactionId) {
        return new ChangeEvent(origin, table, Operation.DELETE, keyColumns, before, null, commitTime, position, transactionId);
    }

    /** A row read by a snapshot. */
    public static ChangeEvent read(SystemSide origin, TableId table, List<String> keyColumns, RowImage after,
            Instant commitTime, SourcePosition position) {
        return new ChangeEvent(origin, table, Operation.READ, keyColumns, null, after, commitTime, position, null);
    }

    /** The key columns and their values: from the after image, or the before image of a delete. */
    public RowImage key() {
        return (operation.hasAfterImage() ? after : before).project(keyColumns);
    }

    /**
     * True when an update moved the row to another key. Only detectable when the before image
     * is known; Debezium reports a key change as a delete plus a create instead.
     */
    public boolean changesKey() {
        return operation == Operation.UPDATE && before != null && !before.project(keyColumns).equals(after.project(keyColumns));
    }

    /** A short identity for messages: table, operation, key and position. Never includes non-key values. */
    public String describe() {
        return operation + " " + table + " key " + key() + " at " + position;
    }
}
