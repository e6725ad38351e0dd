package dev.cutover.core.conflict;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.RowImage;
import java.util.Map;

/**
 * Decides whether an incoming change fits the target row it meets.
 *
 * <p>A change fits when the row is what the source saw before the change (no row for an insert;
 * the before image for an update or delete), or when the row already is what the change leaves
 * behind (the change, or the same change made on both sides, was applied already: re-delivery
 * after a restart must not look like a conflict). Only columns present in both images are
 * compared, so columns the mapping does not carry, and values an image lacks (TOAST), never
 * count. An update whose source logged no before image can only conflict by meeting no row.
 */
public final class ConflictDetector {

    private ConflictDetector() {
    }

    /**
     * How {@code change} and {@code current} disagree, or null when they do not.
     *
     * @param change the incoming change in the target's terms
     * @param current the target's row, or null when there is none
     */
    public static ConflictKind detect(ChangeEvent change, RowImage current) {
        return switch (change.operation()) {
            case CREATE, READ -> current == null || matches(current, change.after()) ? null : ConflictKind.INSERT_EXISTS;
            case UPDATE -> {
                if (current == null) {
                    yield ConflictKind.UPDATE_MISSING;
                }
                boolean fits = matches(current, change.after()) || change.before() == null || matches(current, change.before());
                yield fits ? null : ConflictKind.UPDATE_CHANGED;
            }
            case DELETE -> current == null || matches(current, change.before()) ? null : ConflictKind.DELETE_CHANGED;
        };
    }

    /**
     * True for an update that changes none of the columns both its images have: a row saved
     * unchanged at the source. Applying it could only undo a concurrent change of the target's own
     * side, which the other applier never sees as a conflict, so the databases would drift apart.
     */
    public static boolean changesNothing(ChangeEvent change) {
        return change.operation() == Operation.UPDATE && change.before() != null && matches(change.before(), change.after());
    }

    /** True when every column both rows have holds the same value in both. */
    public static boolean matches(RowImage row, RowImage image) {
        for (Map.Entry<String, Object> column : image.asMap().entrySet()) {
            if (row.has(column.getKey()) && !RowImage.sameValue(row.get(column.getKey()), column.getValue())) {
                return false;
            }
        }
        return true;
    }
}
