package dev.cutover.jdbc.internal;

import dev.cutover.core.event.RowImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The writes of one batch to one row (one key of one table), in batch order, and their net
 * effect: what a single delete and/or upsert must do to leave the row as applying every write
 * in turn would.
 *
 * <ul>
 *   <li>last write a delete: delete the row;
 *   <li>only upserts: upsert the merge of their images (later values win), which leaves columns
 *       no image has untouched on an existing row, as the upserts in turn would;
 *   <li>upserts after a delete: the merge of the upserts after the last delete, preceded by a
 *       delete unless the merged image sets every column (a recreated row must not keep
 *       values of the deleted one in columns the images do not set).
 * </ul>
 *
 * <p>A row {@linkplain #readAbsent() read as missing} by a conflict check is not locked, so its net
 * effect is written differently: nothing is deleted (there was nothing to delete; a delete could
 * only remove a row another writer inserted meanwhile), and the upsert image is inserted only if
 * absent (see {@link BatchWriter}).
 *
 * <p>Not thread-safe; built by {@link BatchPlanner}, then read only.
 */
public final class KeyChanges {

    private final TableTarget target;
    private final RowImage key;
    private final boolean readAbsent;
    private final List<RowWrite> writes = new ArrayList<>(2);
    private RowImage merged;
    private boolean mergedKnown;

    KeyChanges(TableTarget target, RowImage key, boolean readAbsent) {
        this.target = Objects.requireNonNull(target, "target");
        this.key = Objects.requireNonNull(key, "key");
        this.readAbsent = readAbsent;
    }

    void add(RowWrite write) {
        writes.add(write);
        mergedKnown = false;
    }

    public TableTarget target() {
        return target;
    }

    public RowImage key() {
        return key;
    }

    /**
     * True when a conflict check read this row as missing in the open transaction: no lock
     * guards it, so the first write that puts a row there must not overwrite one inserted
     * meanwhile by another writer.
     */
    public boolean readAbsent() {
        return readAbsent;
    }

    /** The writes in batch order; never empty. */
    public List<RowWrite> writes() {
        return Collections.unmodifiableList(writes);
    }

    /** True when the net effect starts by deleting the row. */
    public boolean deletesFirst() {
        int lastDelete = lastDeleteIndex();
        return lastDelete == writes.size() - 1 || (lastDelete >= 0 && !target.coversAllColumns(upsertImage()));
    }

    /** The image the net effect upserts, or null when it ends with the row deleted. */
    public RowImage upsertImage() {
        if (!mergedKnown) {
            merged = mergeAfterLastDelete();
            mergedKnown = true;
        }
        return merged;
    }

    private RowImage mergeAfterLastDelete() {
        int lastDelete = lastDeleteIndex();
        int first = lastDelete + 1;
        if (first == writes.size()) {
            return null;
        }
        if (first == writes.size() - 1) {
            return writes.get(first).after();
        }
        Map<String, Object> image = new LinkedHashMap<>();
        for (int i = first; i < writes.size(); i++) {
            image.putAll(writes.get(i).after().asMap());
        }
        return RowImage.of(image);
    }

    private int lastDeleteIndex() {
        for (int i = writes.size() - 1; i >= 0; i--) {
            if (writes.get(i).isDelete()) {
                return i;
            }
        }
        return -1;
    }
}
