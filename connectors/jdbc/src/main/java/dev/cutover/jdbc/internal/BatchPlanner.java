package dev.cutover.jdbc.internal;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a batch of changes into one {@link KeyChanges} per row written, checking every image
 * against its target table first.
 *
 * <p>The result is ordered by each row's last write in the batch, so that applying the rows in
 * that order sees every other row in the state the batch left it (which keeps, for example,
 * parent rows inserted before the children that refer to them).
 *
 * <p>Not thread-safe.
 */
public final class BatchPlanner {

    private final Map<TableId, TableTarget> targets;

    public BatchPlanner(Map<TableId, TableTarget> targets) {
        this.targets = Map.copyOf(targets);
    }

    /**
     * @throws InvalidChangeException naming the change (table, key, position) and what is wrong
     */
    public List<KeyChanges> plan(List<ChangeEvent> changes) throws InvalidChangeException {
        return plan(changes, Set.of());
    }

    /**
     * As {@link #plan(List)}, marking the rows of {@code readAbsent} as {@linkplain KeyChanges#readAbsent() read as missing}.
     *
     * @param readAbsent the rows a conflict check read as missing in the open transaction
     * @throws InvalidChangeException naming the change (table, key, position) and what is wrong
     */
    public List<KeyChanges> plan(List<ChangeEvent> changes, Set<RowRef> readAbsent) throws InvalidChangeException {
        LinkedHashMap<RowRef, KeyChanges> rows = new LinkedHashMap<>();
        for (ChangeEvent change : changes) {
            TableTarget target = target(change);
            for (RowWrite write : writesOf(change, target)) {
                RowRef ref = new RowRef(change.table(), write.key());
                KeyChanges row = rows.remove(ref);
                if (row == null) {
                    row = new KeyChanges(target, write.key(), readAbsent.contains(ref));
                }
                row.add(write);
                rows.put(ref, row);
            }
        }
        return new ArrayList<>(rows.values());
    }

    private TableTarget target(ChangeEvent change) throws InvalidChangeException {
        TableTarget target = targets.get(change.table());
        if (target == null) {
            throw new InvalidChangeException("change " + change.describe() + " is for table " + change.table()
                    + ", which this applier does not write (tables: " + targets.keySet() + ")");
        }
        return target;
    }

    private static List<RowWrite> writesOf(ChangeEvent change, TableTarget target) throws InvalidChangeException {
        if (!change.operation().hasAfterImage()) {
            return List.of(new RowWrite(change, checkedKey(change, target, change.before()), null));
        }
        checkFits(change, target, change.after(), "after");
        RowImage key = target.keyOf(change.after());
        RowImage before = change.before();
        if (before != null && keysPresent(before, target).size() == target.schema().keyColumns().size()) {
            RowImage oldKey = checkedKey(change, target, before);
            if (!oldKey.equals(key)) {
                return List.of(new RowWrite(change, oldKey, null), new RowWrite(change, key, change.after()));
            }
        }
        return List.of(new RowWrite(change, key, change.after()));
    }

    /** The key of a before image, checked; other columns of a before image do not matter to the target. */
    private static RowImage checkedKey(ChangeEvent change, TableTarget target, RowImage before) throws InvalidChangeException {
        checkFits(change, target, before.project(keysPresent(before, target)), "before");
        return target.keyOf(before);
    }

    /** The key columns of the target that {@code image} has. */
    private static List<String> keysPresent(RowImage image, TableTarget target) {
        return target.schema().keyColumns().stream().filter(image::has).toList();
    }

    private static void checkFits(ChangeEvent change, TableTarget target, RowImage image, String which)
            throws InvalidChangeException {
        String problem = target.problemWith(image);
        if (problem != null) {
            throw new InvalidChangeException("change " + change.describe() + ": its " + which + " image " + problem);
        }
    }
}
