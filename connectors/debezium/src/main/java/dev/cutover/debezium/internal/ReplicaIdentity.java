package dev.cutover.debezium.internal;

import dev.cutover.core.event.RowImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which columns of a table PostgreSQL logs for the old row of an update or delete
 * ({@code pg_class.relreplident}).
 *
 * <p>Under anything but {@link Kind#FULL} the old row of a delete carries only the identity
 * columns, yet Debezium fills the other columns of its before image with stand-ins (null, or an
 * empty string for a NOT NULL text column). {@link #trim} removes them, so a before image never
 * claims values the database did not send.
 *
 * @param kind the table's replica identity
 * @param columns the identity columns: the primary key for {@link Kind#DEFAULT}, the index
 *     columns for {@link Kind#INDEX}, empty for {@link Kind#NOTHING}, every column for
 *     {@link Kind#FULL} (not needed, so empty)
 */
public record ReplicaIdentity(Kind kind, List<String> columns) {

    /** The replica identity settings of PostgreSQL. */
    public enum Kind {
        DEFAULT('d'),
        FULL('f'),
        INDEX('i'),
        NOTHING('n');

        private final char code;

        Kind(char code) {
            this.code = code;
        }

        /** Resolves {@code pg_class.relreplident}. */
        public static Kind fromCode(char code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown replica identity '" + code + "'");
        }
    }

    /** Full old rows. */
    public static final ReplicaIdentity FULL = new ReplicaIdentity(Kind.FULL, List.of());

    public ReplicaIdentity {
        Objects.requireNonNull(kind, "kind");
        columns = List.copyOf(columns);
    }

    /** True when old rows carry every column in {@code keyColumns}. */
    public boolean covers(List<String> keyColumns) {
        return kind == Kind.FULL || columns.containsAll(keyColumns);
    }

    /** {@code before} reduced to the columns PostgreSQL actually logged; null stays null. */
    public RowImage trim(RowImage before) {
        if (before == null || kind == Kind.FULL) {
            return before;
        }
        List<String> present = new ArrayList<>(columns.size());
        for (String column : before.columns()) {
            if (columns.contains(column)) {
                present.add(column);
            }
        }
        return before.project(present);
    }

    @Override
    public String toString() {
        return kind == Kind.FULL ? "FULL" : kind + " " + columns;
    }
}
