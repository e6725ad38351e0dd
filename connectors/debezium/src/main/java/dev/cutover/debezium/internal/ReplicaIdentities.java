package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import dev.cutover.debezium.CapturedTable;
import dev.cutover.jdbc.postgres.ReplicaIdentity;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the replica identity of the captured tables and checks that each one logs the
 * configured key columns for deletes. Run once when a capture starts; a change of a table's
 * replica identity takes effect at the next start.
 */
public final class ReplicaIdentities {

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
        for (CapturedTable table : tables) {
            Optional<ReplicaIdentity> identity = ReplicaIdentity.read(connection, table.table()).map(ReplicaIdentity.Reading::identity);
            if (identity.isEmpty()) {
                problems.add("table " + table.table() + " does not exist");
            } else if (!identity.get().covers(table.keyColumns())) {
                problems.add("table " + table.table() + " is keyed by " + table.keyColumns() + " but its replica identity (" + identity.get()
                        + ") does not log them for deletes; run ALTER TABLE " + SqlIdentifiers.quote(table.table().schema()) + "."
                        + SqlIdentifiers.quote(table.table().table()) + " REPLICA IDENTITY FULL (or USING INDEX on a unique index over the key)");
            } else {
                identities.put(table.table(), identity.get());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        return identities;
    }
}
