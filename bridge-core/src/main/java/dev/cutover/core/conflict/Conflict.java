package dev.cutover.core.conflict;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;
import java.util.Objects;

/**
 * An incoming change that does not fit the target row, in the target system's terms, as a
 * {@link ConflictResolver} sees it.
 *
 * @param binding the binding's name
 * @param target the system being written (the change comes from the other one)
 * @param kind how the change and the row disagree
 * @param change the incoming change, mapped into the target's terms; its before image is what the
 *     source saw, its after image (null for a delete) what the source wrote
 * @param current the target's row now, read under lock, reduced to the columns the mapping writes;
 *     null when there is none
 */
public record Conflict(String binding, SystemSide target, ConflictKind kind, ChangeEvent change, RowImage current) {

    public Conflict {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(change, "change");
    }

    /** The system the incoming change comes from. */
    public SystemSide source() {
        return target.opposite();
    }

    /** The incoming version of the row: the after image, or null for a delete. */
    public RowImage incoming() {
        return change.after();
    }

    /** What the source saw before its change; null for inserts and where the source did not log it. */
    public RowImage before() {
        return change.before();
    }

    /** The version {@code side} holds: the incoming one for the source, the current one for the target. */
    public RowImage versionOf(SystemSide side) {
        return side == target ? current : incoming();
    }
}
