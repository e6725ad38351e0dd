package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@link OwnTableSql} for PostgreSQL. */
final class PostgresOwnTableSql implements OwnTableSql {

    @Override
    public String qualified(TableId table) {
        return SqlIdentifiers.quote(table.schema()) + "." + SqlIdentifiers.quote(table.table());
    }

    @Override
    public List<String> columns(Connection connection, TableId table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT a.attname FROM pg_catalog.pg_attribute a"
                + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY a.attnum")) {
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
        return "CREATE TABLE IF NOT EXISTS " + qualified(table) + " (slot_name text PRIMARY KEY, beat_at timestamptz NOT NULL)";
    }

    @Override
    public String heartbeat(TableId table, String slotName) {
        return "INSERT INTO " + qualified(table) + " (slot_name, beat_at) VALUES ('" + slotName + "', now())"
                + " ON CONFLICT (slot_name) DO UPDATE SET beat_at = EXCLUDED.beat_at";
    }

    @Override
    public String createSignalTable(TableId table) {
        return "CREATE TABLE IF NOT EXISTS " + qualified(table) + " (id text PRIMARY KEY, type text NOT NULL, data text)";
    }

    @Override
    public String createEchoMarkerTable(TableId table) {
        return "CREATE TABLE IF NOT EXISTS " + qualified(table)
                + " (bridge text PRIMARY KEY, batch bigint NOT NULL, applied_at timestamptz NOT NULL)";
    }
}
