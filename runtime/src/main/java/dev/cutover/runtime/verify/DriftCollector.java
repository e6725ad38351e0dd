package dev.cutover.runtime.verify;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.mapping.MappingException;
import dev.cutover.core.mapping.TableMapping;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one {@link TableComparison#drift} run: the mapped legacy rows still waiting for
 * their new row, the counts, and the examples kept so far. Legacy rows go in first through
 * {@link #expect}, then new rows through {@link #check}. Not thread-safe; used by one call.
 */
final class DriftCollector {

    private final TableMapping mapping;
    private final int limit;
    private final Map<RowImage, RowImage> expected = new LinkedHashMap<>();
    private final Map<Drift.Kind, List<Drift.Example>> examples = new EnumMap<>(Drift.Kind.class);
    private long equal;
    private long onlyInNew;
    private long differing;
    private long unmappable;

    DriftCollector(TableMapping mapping, int limit) {
        this.mapping = mapping;
        this.limit = limit;
        for (Drift.Kind kind : Drift.Kind.values()) {
            examples.put(kind, new ArrayList<>());
        }
    }

    /** Takes one legacy row: maps it and remembers it under its new key. */
    void expect(RowImage legacyRow) {
        RowImage mapped;
        try {
            mapped = mapping.rowToNew(legacyRow);
        } catch (MappingException e) {
            unmappable(legacyRow, e.getMessage());
            return;
        }
        RowImage key = mapped.project(mapping.newKeyColumns());
        if (expected.putIfAbsent(key, comparable(mapped)) != null) {
            unmappable(legacyRow, "maps onto new key " + key + ", as another legacy row does");
        }
    }

    /** Takes one new row: compares it with the mapped legacy row of its key, if any. */
    void check(RowImage newRow) {
        RowImage key = newRow.project(mapping.newKeyColumns());
        RowImage want = expected.remove(key);
        if (want == null) {
            onlyInNew++;
            keep(new Drift.Example(Drift.Kind.ONLY_IN_NEW, key, List.of(), null));
            return;
        }
        List<Drift.ColumnDifference> columns = new ArrayList<>();
        for (String column : want.columns()) {
            if (!RowImage.sameValue(want.get(column), newRow.get(column))) {
                columns.add(new Drift.ColumnDifference(column, mapping.legacyColumnFeeding(column), want.get(column),
                        newRow.get(column)));
            }
        }
        if (columns.isEmpty()) {
            equal++;
        } else {
            differing++;
            keep(new Drift.Example(Drift.Kind.DIFFERING, key, columns, null));
        }
    }

    /** The result, once both tables were read: whatever legacy rows are still waiting are only in legacy. */
    Drift finish(long legacyRows, long newRows) {
        expected.keySet().forEach(key -> keep(new Drift.Example(Drift.Kind.ONLY_IN_LEGACY, key, List.of(), null)));
        List<Drift.Example> all = new ArrayList<>();
        examples.values().forEach(all::addAll);
        return new Drift(legacyRows, newRows, equal, expected.size(), onlyInNew, differing, unmappable, all);
    }

    /** The mapped row without the constants from {@code defaults} (see {@link TableComparison#drift}). */
    private RowImage comparable(RowImage mapped) {
        RowImage.Builder row = RowImage.builder();
        mapped.asMap().forEach((column, value) -> {
            if (!mapping.newDefaultColumns().contains(column)) {
                row.put(column, value);
            }
        });
        return row.build();
    }

    private void unmappable(RowImage legacyRow, String problem) {
        unmappable++;
        keep(new Drift.Example(Drift.Kind.UNMAPPABLE, legacyRow.project(mapping.legacyKeyColumns()), List.of(), problem));
    }

    private void keep(Drift.Example example) {
        List<Drift.Example> kept = examples.get(example.kind());
        if (kept.size() < limit) {
            kept.add(example);
        }
    }
}
