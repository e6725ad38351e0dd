package dev.cutover.core.deadletter;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import java.util.Objects;

/**
 * A row a dead letter blocks: a binding's target table and the key of the row there.
 *
 * @param binding the binding
 * @param table the target table (the table the binding writes in this direction)
 * @param key the key columns and values, in the target table's names
 */
public record BlockKey(String binding, TableId table, RowImage key) {

    public BlockKey {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
    }

    /** The row {@code change} writes, for a change already in the target table's terms. */
    public static BlockKey of(String binding, ChangeEvent change) {
        return new BlockKey(binding, change.table(), change.key());
    }

    @Override
    public String toString() {
        return binding + ":" + table + " " + key;
    }
}
