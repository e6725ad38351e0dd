package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.mariadb.MariaDbDialect;
import dev.cutover.jdbc.mariadb.TableColumns;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@link OwnTableSql} for MariaDB: the schema of a {@link TableId} is the database. Key columns
 * are {@code varchar}, as MariaDB cannot index a {@code text} column without a prefix length.
 */
final class MariaDbOwnTableSql extends CatalogOwnTableSql {

    MariaDbOwnTableSql() {
        super(new MariaDbDialect());
    }

    @Override
    public List<String> columns(Connection connection, TableId table) throws SQLException {
        return TableColumns.read(connection, table);
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

}
