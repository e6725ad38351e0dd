package dev.cutover.jdbc.internal;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import java.util.Objects;

/**
 * One row of one target table, by key: how conflict checks group changes and how parked keys are
 * found.
 *
 * @param table the target table
 * @param key the key columns, in the table's key order, with their canonical values
 */
public record RowRef(TableId table, RowImage key) {

    public RowRef {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
    }

    /** The row {@code change} writes: its after image's key, or its before image's for a delete. */
    static RowRef of(TableTarget target, ChangeEvent change) {
        return new RowRef(target.schema().table(), target.keyOf(change.operation().hasAfterImage() ? change.after() : change.before()));
    }
}
