package dev.cutover.jdbc.internal;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import java.util.Objects;

/**
 * One write a change asks for: remove the row with {@code key}, or upsert {@code after}. Most
 * changes ask for one write; an update that moves a row to another key asks for two (delete
 * the old key, upsert the new one).
 *
 * @param source the change that asks for it
 * @param key the key columns and values of the row written
 * @param after the image to upsert; null for a delete
 */
public record RowWrite(ChangeEvent source, RowImage key, RowImage after) {

    public RowWrite {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
    }

    public boolean isDelete() {
        return after == null;
    }
}
