package dev.cutover.core.drift;

import java.util.Objects;

/**
 * One way a table's live schema differs from the schema a binding's mapping was compiled against.
 *
 * @param kind what changed
 * @param column the column, as the database spells it
 * @param was the column as compiled (type and nullability), or null for an added column
 * @param now the column as it is now, or null for a dropped column
 * @param compatible true when changes keep flowing through the compiled mapping unharmed
 * @param fix what the operator does about it; for a compatible difference, what to do at leisure
 */
public record SchemaDifference(Kind kind, String column, String was, String now, boolean compatible, String fix) {

    /** What changed about a column. */
    public enum Kind {
        ADDED("added"),
        DROPPED("dropped"),
        TYPE_CHANGED("type changed"),
        NULLABILITY_CHANGED("nullability changed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Lowercase words for status and logs. */
        public String label() {
            return label;
        }
    }

    public SchemaDifference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(fix, "fix");
    }

    /** One line: {@code column 'c' added (now integer NOT NULL): <fix>}. */
    public String describe() {
        StringBuilder s = new StringBuilder("column '").append(column).append("' ").append(kind.label());
        if (was != null && now != null) {
            s.append(" from ").append(was).append(" to ").append(now);
        } else if (now != null) {
            s.append(" (").append(now).append(')');
        } else if (was != null) {
            s.append(" (was ").append(was).append(')');
        }
        return s.append(compatible ? ", compatible" : "").append(": ").append(fix).toString();
    }
}
