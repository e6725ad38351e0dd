package dev.cutover.core.mapping;

import dev.cutover.core.schema.ColumnDef;

/**
 * What became of one legacy column: the new column it feeds and the compiled functions for both
 * directions, or that it is ignored.
 *
 * @param legacy the legacy column
 * @param target the new column it feeds; null when ignored
 * @param kind how it maps, for the summary
 * @param location where its rule lives in the configuration, for runtime errors
 * @param forward legacy value to new value; null when ignored
 * @param inverse new value to legacy value; null when ignored or when the column does not invert
 */
record ColumnPlan(ColumnDef legacy, ColumnDef target, Kind kind, String location, ValueFunction forward, ValueFunction inverse) {

    /** How a legacy column maps, by precedence: a value map or conversion counts as such even when renamed. */
    enum Kind {
        COPIED("copied"),
        RENAMED("renamed"),
        VALUE_MAP("value map"),
        CONVERSION("conversion"),
        IGNORED("ignored");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The noun used in the summary. */
        String label() {
            return label;
        }
    }

    static ColumnPlan ignored(ColumnDef legacy) {
        return new ColumnPlan(legacy, null, Kind.IGNORED, "columns." + legacy.name(), null, null);
    }

    boolean isIgnored() {
        return kind == Kind.IGNORED;
    }

    /** True when values cross unchanged both ways: copied or renamed between columns of the same type. */
    boolean takenAsIs() {
        return (kind == Kind.COPIED || kind == Kind.RENAMED) && legacy.type() == target.type();
    }
}
