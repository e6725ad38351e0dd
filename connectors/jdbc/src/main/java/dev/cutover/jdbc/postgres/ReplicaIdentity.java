package dev.cutover.jdbc.postgres;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which columns of a table PostgreSQL logs for the old row of an update or delete
 * ({@code pg_class.relreplident}), and the one place that reads and sets it: {@code cutover check}
 * and a capture's start judge the same reading.
 *
 * <p>Under anything but {@link Kind#FULL} the old row of a delete carries only the identity
 * columns, yet Debezium fills the other columns of its before image with stand-ins (null, or an
 * empty string for a NOT NULL text column). {@link #trim} removes them, so a before image never
 * claims values the database did not send. Conflict detection compares the target row with the
 * change's before image, so the tables of two-way bindings need {@code FULL}.
 *
 * @param kind the table's replica identity
 * @param columns the identity columns in index order: the primary key for {@link Kind#DEFAULT},
 *     the index columns for {@link Kind#INDEX}, empty for {@link Kind#NOTHING}, every column for
 *     {@link Kind#FULL} (not needed, so empty)
 */
public record ReplicaIdentity(Kind kind, List<String> columns) {

    private static final String QUERY = """
            SELECT c.relreplident::text, pg_has_role(current_user, c.relowner, 'USAGE'),
                   ARRAY(SELECT a.attname::text
                           FROM pg_catalog.pg_index i
                           JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                          WHERE i.indrelid = c.oid
                            AND ((c.relreplident = 'd' AND i.indisprimary) OR (c.relreplident = 'i' AND i.indisreplident))
                          ORDER BY array_position(i.indkey::int2[], a.attnum))
              FROM pg_catalog.pg_class c
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')
            """;

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

    /**
     * A table's replica identity as read, with whether the reading user may change it.
     *
     * @param identity the table's replica identity
     * @param ownedByUser whether the current user owns the table (directly or through a role),
     *     which {@code ALTER TABLE ... REPLICA IDENTITY} needs
     */
    public record Reading(ReplicaIdentity identity, boolean ownedByUser) {
    }

    /** Full old rows. */
    public static final ReplicaIdentity FULL = new ReplicaIdentity(Kind.FULL, List.of());

    public ReplicaIdentity {
        Objects.requireNonNull(kind, "kind");
        columns = List.copyOf(columns);
    }

    /**
     * Reads the replica identity of a table (or partitioned table).
     *
     * @return empty when no such table exists
     */
    public static Optional<Reading> read(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(QUERY)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Kind kind = Kind.fromCode(rs.getString(1).charAt(0));
                Array columns = rs.getArray(3);
                ReplicaIdentity identity = kind == Kind.FULL ? FULL : new ReplicaIdentity(kind, Arrays.asList((String[]) columns.getArray()));
                return Optional.of(new Reading(identity, rs.getBoolean(2)));
            }
        }
    }

    /**
     * Sets {@code FULL} unless the table has it already.
     *
     * @return true when it was changed
     * @throws SQLException when the table does not exist, or the user may not alter it (it must own it)
     */
    public static boolean makeFull(Connection connection, TableId table) throws SQLException {
        Reading reading = read(connection, table).orElseThrow(() -> new SQLException("table " + table + " does not exist"));
        if (reading.identity().kind() == Kind.FULL) {
            return false;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("ALTER TABLE " + new PostgresDialect().qualifiedName(table) + " REPLICA IDENTITY FULL");
        }
        return true;
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

    /** As {@code check} shows it: {@code FULL}, {@code NOTHING}, {@code USING INDEX [..]} or {@code DEFAULT (primary key [..])}. */
    public String label() {
        return switch (kind) {
            case FULL -> "FULL";
            case NOTHING -> "NOTHING";
            case INDEX -> "USING INDEX " + columns;
            case DEFAULT -> "DEFAULT (primary key " + columns + ")";
        };
    }

    @Override
    public String toString() {
        return kind == Kind.FULL ? "FULL" : kind + " " + columns;
    }
}
