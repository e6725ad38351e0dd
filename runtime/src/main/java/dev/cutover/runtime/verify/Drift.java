package dev.cutover.runtime.verify;

import dev.cutover.core.event.RowImage;
import java.util.List;
import java.util.Objects;

/**
 * How a new table differs from its legacy table seen through the binding's mapping, as counts
 * over every row and a bounded number of examples. Immutable.
 *
 * @param legacyRows rows read from the legacy table
 * @param newRows rows read from the new table
 * @param equal keys whose compared columns are equal on both sides
 * @param onlyInLegacy keys of mapped legacy rows the new table lacks
 * @param onlyInNew keys of new rows no legacy row maps to
 * @param differing keys present on both sides with a compared column that differs
 * @param unmappable legacy rows the mapping cannot map (a code missing from a value map, a value a
 *     conversion cannot read, or two rows mapping onto one new key)
 * @param examples at most the requested number of examples of each {@link Kind}, in table order
 */
public record Drift(long legacyRows, long newRows, long equal, long onlyInLegacy, long onlyInNew, long differing,
        long unmappable, List<Example> examples) {

    public Drift {
        examples = List.copyOf(examples);
    }

    /** Distinct keys looked at on either side: every row is counted once, in exactly one outcome. */
    public long compared() {
        return equal + onlyInLegacy + onlyInNew + differing + unmappable;
    }

    /** True when the new table equals the mapped legacy table in every compared column. */
    public boolean inSync() {
        return onlyInLegacy == 0 && onlyInNew == 0 && differing == 0 && unmappable == 0;
    }

    /** What kind of difference an example shows. */
    public enum Kind {
        /** The key is on both sides but a compared column differs. */
        DIFFERING("differing"),
        /** The mapped legacy row has no new row with its key. */
        ONLY_IN_LEGACY("only in legacy"),
        /** The new row has no legacy row mapping onto its key. */
        ONLY_IN_NEW("only in new"),
        /** The legacy row cannot be mapped at all. */
        UNMAPPABLE("unmappable");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** How reports name the kind. */
        public String label() {
            return label;
        }
    }

    /**
     * One example of a difference.
     *
     * @param kind what differs
     * @param key the row's key in the new table's terms; for {@link Kind#UNMAPPABLE}, in the legacy table's
     * @param columns the differing columns, for {@link Kind#DIFFERING} only; empty otherwise
     * @param problem why the legacy row cannot be mapped, for {@link Kind#UNMAPPABLE} only; null otherwise
     */
    public record Example(Kind kind, RowImage key, List<ColumnDifference> columns, String problem) {

        public Example {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(key, "key");
            columns = List.copyOf(columns);
        }
    }

    /**
     * One new-table column whose value differs.
     *
     * @param column the new table's column
     * @param legacyColumn the legacy column that feeds it, or null when a custom mapper does
     * @param legacyValue the legacy value as mapped onto the new column
     * @param newValue the new table's value
     */
    public record ColumnDifference(String column, String legacyColumn, Object legacyValue, Object newValue) {
    }
}
