package dev.cutover.debezium;

import dev.cutover.core.event.TableId;
import dev.cutover.debezium.internal.PgConnections;
import dev.cutover.debezium.internal.SqlIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads and sets a captured table's {@code REPLICA IDENTITY}, which decides how much of the old
 * row PostgreSQL logs for updates and deletes. Conflict detection compares the target row with
 * the change's before image, so the tables of two-way bindings need {@code FULL}: with the default
 * an update logs no old row and a delete only the key.
 *
 * <p>Each call opens and closes its own connection. Messages name the table, never the password.
 */
public final class ReplicaIdentity {

    /** The settings PostgreSQL knows, by their {@code pg_class.relreplident} code. */
    public enum Setting {
        DEFAULT, NOTHING, FULL, INDEX;

        static Setting ofCode(String code) {
            return switch (code) {
                case "f" -> FULL;
                case "n" -> NOTHING;
                case "i" -> INDEX;
                default -> DEFAULT;
            };
        }
    }

    private ReplicaIdentity() {
    }

    /**
     * The table's setting.
     *
     * @throws SQLException when the table does not exist or cannot be read
     */
    public static Setting of(String jdbcUrl, String user, String password, TableId table) throws SQLException {
        try (Connection c = PgConnections.open(jdbcUrl, user, password)) {
            return read(c, table);
        }
    }

    /**
     * Sets {@code FULL} unless the table has it already.
     *
     * @return true when it was changed
     * @throws SQLException when the user may not alter the table (it must own it)
     */
    public static boolean makeFull(String jdbcUrl, String user, String password, TableId table) throws SQLException {
        try (Connection c = PgConnections.open(jdbcUrl, user, password)) {
            if (read(c, table) == Setting.FULL) {
                return false;
            }
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + SqlIdentifiers.quote(table.schema()) + "." + SqlIdentifiers.quote(table.table()) + " REPLICA IDENTITY FULL");
            }
            return true;
        }
    }

    private static Setting read(Connection c, TableId table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT c.relreplident FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("table " + table + " does not exist");
                }
                return Setting.ofCode(rs.getString(1));
            }
        }
    }
}
