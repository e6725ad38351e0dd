package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link OwnTableSql} for MariaDB: the schema of a {@link TableId} is the database. Key columns
 * are {@code varchar}, as MariaDB cannot index a {@code text} column without a prefix length.
 */
final class MariaDbOwnTableSql implements OwnTableSql {

    @Override
    public String qualified(TableId table) {
        return quote(table.schema()) + "." + quote(table.table());
    }

    /** {@code name} as a quoted MariaDB identifier: {@code `a``b`} for {@code a`b}. */
    static String quote(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        return '`' + name.replace("`", "``") + '`';
    }

    @Override
    public List<String> columns(Connection connection, TableId table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    @Override
    public String createHeartbeatTable(TableId table) {
        return "CREATE TABLE IF NOT EXISTS " + qualified(table) + " (slot_name varchar(64) PRIMARY KEY, beat_at datetime(6) NOT NULL)";
    }

    @Override
    public String heartbeat(TableId table, String slotName) {
        return "INSERT INTO " + qualified(table) + " (slot_name, beat_at) VALUES ('" + slotName + "', UTC_TIMESTAMP(6))"
                + " ON DUPLICATE KEY UPDATE beat_at = VALUES(beat_at)";
    }

    @Override
    public String createSignalTable(TableId table) {
        // Debezium's watermark ids are a UUID plus a suffix; the capture's signal ids are "cutover-load-" plus a UUID.
        return "CREATE TABLE IF NOT EXISTS " + qualified(table) + " (id varchar(100) PRIMARY KEY, type varchar(32) NOT NULL, data text)";
    }

    @Override
    public String createEchoMarkerTable(TableId table) {
        return "CREATE TABLE IF NOT EXISTS " + qualified(table)
                + " (bridge varchar(200) PRIMARY KEY, batch bigint NOT NULL, applied_at datetime(6) NOT NULL)";
    }
}
