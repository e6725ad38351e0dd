package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.postgres.PostgresDialect;

/** {@link OwnTableSql} for PostgreSQL. */
final class PostgresOwnTableSql extends CatalogOwnTableSql {

    PostgresOwnTableSql() {
        super(new PostgresDialect());
    }

    @Override
    String columnsQuery() {
        return "SELECT a.attname FROM pg_catalog.pg_attribute a"
                + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY a.attnum";
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
