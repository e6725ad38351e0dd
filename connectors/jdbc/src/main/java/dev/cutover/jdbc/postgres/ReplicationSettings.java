package dev.cutover.jdbc.postgres;

import dev.cutover.jdbc.internal.CatalogReads;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The server settings logical decoding depends on, and how much of them is in use: read in one
 * place so that {@code cutover check} judges what the server reports, never a copy of the query.
 *
 * @param walLevel {@code wal_level}; logical decoding needs {@code logical}
 * @param maxReplicationSlots {@code max_replication_slots}
 * @param slotNames the names of the server's replication slots, sorted
 * @param maxWalSenders {@code max_wal_senders}
 * @param walSendersInUse the WAL sender processes running now
 */
public record ReplicationSettings(String walLevel, int maxReplicationSlots, List<String> slotNames, int maxWalSenders,
        long walSendersInUse) {

    private static final String SETTINGS = "SELECT current_setting('wal_level'), current_setting('max_replication_slots')::int,"
            + " current_setting('max_wal_senders')::int,"
            + " (SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE backend_type = 'walsender')";

    public ReplicationSettings {
        slotNames = List.copyOf(slotNames);
    }

    /** Reads the settings and the slots of the server {@code connection} talks to. */
    public static ReplicationSettings read(Connection connection) throws SQLException {
        List<String> slots = CatalogReads.all(connection, "SELECT slot_name FROM pg_catalog.pg_replication_slots ORDER BY slot_name",
                rs -> rs.getString(1));
        return CatalogReads.single(connection, SETTINGS,
                rs -> new ReplicationSettings(rs.getString(1), rs.getInt(2), slots, rs.getInt(3), rs.getLong(4)));
    }

    /** True when the server logs enough for logical decoding. */
    public boolean logical() {
        return walLevel.equals("logical");
    }

    /** How many more replication slots may be created. */
    public int freeSlots() {
        return maxReplicationSlots - slotNames.size();
    }

    /** How many more WAL senders may stream. */
    public long freeWalSenders() {
        return maxWalSenders - walSendersInUse;
    }
}
