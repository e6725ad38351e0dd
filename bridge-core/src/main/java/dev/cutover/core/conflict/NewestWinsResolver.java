package dev.cutover.core.conflict;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;

/**
 * {@code newest-wins}: the version with the greater value in a timestamp or version column wins.
 * Equal values, a missing or null value, and a deleted or missing row on either side leave the
 * decision to the fallback side, so both appliers always decide alike.
 */
final class NewestWinsResolver implements ConflictResolver {

    private final String column;
    private final SystemSide fallback;

    /** @param column the ordering column, in the target's terms */
    NewestWinsResolver(String column, SystemSide fallback) {
        this.column = column;
        this.fallback = fallback;
    }

    @Override
    public Resolution resolve(Conflict conflict) {
        Comparable<Object> incoming = orderOf(conflict.incoming());
        Comparable<Object> current = orderOf(conflict.current());
        if (incoming == null || current == null || incoming.getClass() != current.getClass()) {
            return SideWinsResolver.decideFor(fallback, conflict, "newest-wins: '" + column
                    + "' cannot order the two versions (a row is missing or the value is null), so the fallback "
                    + fallback.label() + "-wins decides");
        }
        int order = incoming.compareTo(current);
        if (order == 0) {
            return SideWinsResolver.decideFor(fallback, conflict, "newest-wins: both versions have the same '" + column
                    + "', so the fallback " + fallback.label() + "-wins decides");
        }
        SystemSide newer = order > 0 ? conflict.source() : conflict.target();
        return SideWinsResolver.decideFor(newer, conflict, "newest-wins: the " + newer.label()
                + " version has the greater '" + column + "'");
    }

    @SuppressWarnings("unchecked")
    private Comparable<Object> orderOf(RowImage row) {
        if (row == null) {
            return null;
        }
        Object value = row.get(column);
        return value instanceof Comparable<?> c ? (Comparable<Object>) c : null;
    }
}
