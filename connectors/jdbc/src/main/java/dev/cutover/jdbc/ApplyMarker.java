package dev.cutover.jdbc;

import dev.cutover.core.event.TableId;
import java.util.Objects;

/**
 * Makes a {@link JdbcApplier} mark every transaction it commits, so that the capture of the same
 * database can tell the applier's own writes (echoes, in two-way sync) from the application's.
 *
 * <p>When an applier has a marker, the first statement of each apply transaction (also of the
 * retry that isolates refused changes) upserts the row of {@link #bridge()} in {@link #table()}:
 * {@code (bridge text PRIMARY KEY, batch bigint NOT NULL, applied_at timestamptz NOT NULL)}, with
 * {@code batch} set to 1 on insert and incremented on every later batch, so the table holds one
 * row per bridge and never grows. The marker commits or rolls back with the batch. The applier
 * creates the table when it is missing, before its first marked transaction; a user without
 * CREATE on the schema needs the table created beforehand.
 *
 * <p>Immutable and thread-safe.
 *
 * @param bridge the name written into the marker row; the capture of the written database
 *     suppresses the transactions marked with its own bridge name; never null or blank
 * @param table the marker table; never null
 */
public record ApplyMarker(String bridge, TableId table) implements EchoTag {

    /** The marker table unless another is given: {@code public.cutover_apply_marker}. */
    public static final TableId DEFAULT_TABLE = new TableId("public", "cutover_apply_marker");

    /**
     * @throws IllegalArgumentException when {@code bridge} is blank
     * @throws NullPointerException when {@code bridge} or {@code table} is null
     */
    public ApplyMarker {
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(table, "table");
        if (bridge.isBlank()) {
            throw new IllegalArgumentException("the bridge name of an apply marker must not be blank");
        }
    }

    /** A marker of {@code bridge} in {@link #DEFAULT_TABLE}. */
    public static ApplyMarker of(String bridge) {
        return new ApplyMarker(bridge, DEFAULT_TABLE);
    }
}
