package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import dev.cutover.debezium.CapturedTable;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the replica identity of the captured tables and checks that each one logs the
 * configured key columns for deletes. Run once when a capture starts; a change of a table's
 * replica identity takes effect at the next start.
 */
public final class ReplicaIdentities {

    private static final String QUERY = """
            SELECT c.relreplident::text,
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

    private ReplicaIdentities() {
    }

    /**
     * Reads the replica identity of every table.
     *
     * @throws IllegalStateException naming every table that does not exist or whose replica
     *     identity does not cover its key columns, with the statement that fixes it
     */
    public static Map<TableId, ReplicaIdentity> load(Connection connection, List<CapturedTable> tables) throws SQLException {
        Map<TableId, ReplicaIdentity> identities = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(QUERY)) {
            for (CapturedTable table : tables) {
                ReplicaIdentity identity = read(ps, table.table());
                if (identity == null) {
                    problems.add("table " + table.table() + " does not exist");
                } else if (!identity.covers(table.keyColumns())) {
                    problems.add("table " + table.table() + " is keyed by " + table.keyColumns() + " but its replica identity (" + identity
                            + ") does not log them for deletes; run ALTER TABLE " + SqlIdentifiers.quote(table.table().schema()) + "."
                            + SqlIdentifiers.quote(table.table().table()) + " REPLICA IDENTITY FULL (or USING INDEX on a unique index over the key)");
                } else {
                    identities.put(table.table(), identity);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        return identities;
    }

    private static ReplicaIdentity read(PreparedStatement ps, TableId table) throws SQLException {
        ps.setString(1, table.schema());
        ps.setString(2, table.table());
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            ReplicaIdentity.Kind kind = ReplicaIdentity.Kind.fromCode(rs.getString(1).charAt(0));
            Array columns = rs.getArray(2);
            return kind == ReplicaIdentity.Kind.FULL ? ReplicaIdentity.FULL
                    : new ReplicaIdentity(kind, Arrays.asList((String[]) columns.getArray()));
        }
    }
}
