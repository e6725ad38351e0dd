package dev.cutover.core.conflict;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code merge}: when both sides updated the same row, each column changed on one side only keeps
 * that side's value, and columns changed on both take the fallback side's value. Conflicts without
 * two updates to compare (inserts with the same key, a delete against an update, an update of a
 * missing row) go to the fallback side whole.
 */
final class MergeResolver implements ConflictResolver {

    private final SystemSide fallback;

    MergeResolver(SystemSide fallback) {
        this.fallback = fallback;
    }

    @Override
    public Resolution resolve(Conflict conflict) {
        RowImage before = conflict.before();
        RowImage incoming = conflict.incoming();
        RowImage current = conflict.current();
        if (conflict.kind() != ConflictKind.UPDATE_CHANGED || before == null) {
            return SideWinsResolver.decideFor(fallback, conflict, "merge: a " + conflict.kind().label()
                    + " conflict has no column changes to merge, so the fallback " + fallback.label() + "-wins decides");
        }
        RowImage.Builder merged = RowImage.builder();
        List<String> fromIncoming = new ArrayList<>();
        List<String> fromFallback = new ArrayList<>();
        for (Map.Entry<String, Object> column : incoming.asMap().entrySet()) {
            String name = column.getKey();
            boolean changedHere = current.has(name) && before.has(name) && !RowImage.sameValue(current.get(name), before.get(name));
            boolean changedThere = !before.has(name) || !RowImage.sameValue(column.getValue(), before.get(name));
            Object value = current.has(name) ? current.get(name) : column.getValue();
            if (changedThere && changedHere && !RowImage.sameValue(column.getValue(), current.get(name))) {
                fromFallback.add(name);
                value = fallback == conflict.source() ? column.getValue() : current.get(name);
            } else if (changedThere) {
                fromIncoming.add(name);
                value = column.getValue();
            }
            merged.put(name, value);
        }
        RowImage row = merged.build();
        String reason = "merge: " + conflict.source().label() + " changes " + fromIncoming + " taken"
                + (fromFallback.isEmpty() ? "" : ", " + fromFallback + " changed on both sides taken from " + fallback.label());
        if (ConflictDetector.matches(current, row)) {
            return Resolution.keepCurrent(reason);
        }
        return ConflictDetector.matches(row, incoming) && row.size() == incoming.size()
                ? Resolution.applyIncoming(reason) : Resolution.writeRow(row, reason);
    }
}
