package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.postgres.PostgresDialect;
import dev.cutover.jdbc.postgres.TableColumns;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** {@link OwnTableSql} for PostgreSQL. */
final class PostgresOwnTableSql extends CatalogOwnTableSql {

    PostgresOwnTableSql() {
        super(new PostgresDialect());
    }

    @Override
    public List<String> columns(Connection connection, TableId table) throws SQLException {
        return TableColumns.read(connection, table);
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

}
