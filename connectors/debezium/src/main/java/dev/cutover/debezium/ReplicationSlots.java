package dev.cutover.debezium;

import dev.cutover.debezium.internal.PgConnections;
import dev.cutover.debezium.internal.SqlIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Inspects and removes the replication slot and publication a capture uses.
 *
 * <p>A capture never drops them itself: they hold its place in the log across restarts. When a
 * capture is retired (or a test ends) they must go, because an inactive slot makes the server
 * keep every WAL segment written since its confirmed position. Drop the slot <em>and</em> the
 * capture's offset file together: a capture whose stored offset names a dropped slot's position
 * fails at start. (The record of requested loads next to the offset file, {@code .snapshots},
 * may stay: without slot and stored position it no longer counts.) The signal table and the
 * heartbeat table stay too; they are small, and the heartbeat table is shared.
 *
 * <p>Each call opens and closes its own connection. Thread-safe. Messages name the slot or
 * publication and never the password.
 */
public final class ReplicationSlots {

    private ReplicationSlots() {
    }

    /**
     * The slot's state, or empty when there is no slot of that name.
     *
     * @param password null when the server does not ask for one
     */
    public static Optional<SlotState> describe(String jdbcUrl, String user, String password, String slotName) throws SQLException {
        try (Connection c = PgConnections.open(jdbcUrl, user, password)) {
            return describe(c, slotName);
        }
    }

    /**
     * The slot's state on the caller's connection, or empty when there is no slot of that name: the
     * one reading of {@code pg_replication_slots} that {@code cutover check}, {@code plan} and a
     * capture's start share.
     */
    public static Optional<SlotState> describe(Connection connection, String slotName) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT slot_name, plugin, database, active, restart_lsn::text,"
                + " confirmed_flush_lsn::text, active_pid FROM pg_catalog.pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slotName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SlotState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        lsn(rs.getString(5)), lsn(rs.getString(6)), (Integer) rs.getObject(7)));
            }
        }
    }

    /**
     * Drops the slot.
     *
     * @return true when it was dropped, false when there was none
     * @throws SQLException when the slot is in use (a capture still streams from it) or the user
     *     may not drop it
     */
    public static boolean drop(String jdbcUrl, String user, String password, String slotName) throws SQLException {
        try (Connection c = PgConnections.open(jdbcUrl, user, password)) {
            Optional<SlotState> slot = describe(c, slotName);
            if (slot.isEmpty()) {
                return false;
            }
            if (slot.get().activePid() != null) {
                throw new SQLException("replication slot '" + slotName + "' is in use by process " + slot.get().activePid()
                        + "; stop the capture before dropping it");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_drop_replication_slot(?)")) {
                ps.setString(1, slotName);
                ps.execute();
            }
            return true;
        }
    }

    /**
     * Drops the publication of the database the URL names.
     *
     * @return true when it was dropped, false when there was none
     */
    public static boolean dropPublication(String jdbcUrl, String user, String password, String publicationName) throws SQLException {
        try (Connection c = PgConnections.open(jdbcUrl, user, password)) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = ?")) {
                exists.setString(1, publicationName);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP PUBLICATION IF EXISTS " + SqlIdentifiers.quote(publicationName));
            }
            return true;
        }
    }

    /** Drops the slot and the publication a capture with {@code options} uses. */
    public static void dropAll(CaptureOptions options) throws SQLException {
        drop(options.jdbcUrl(), options.user(), options.password(), options.slotName());
        dropPublication(options.jdbcUrl(), options.user(), options.password(), options.publicationName());
    }

    private static Lsn lsn(String text) {
        return text == null ? null : Lsn.parse(text);
    }
}
