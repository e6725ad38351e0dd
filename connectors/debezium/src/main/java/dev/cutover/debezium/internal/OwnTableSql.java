package dev.cutover.debezium.internal;

import dev.cutover.core.condition.RowCondition;
import dev.cutover.core.event.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The SQL a capture needs for the small tables it keeps in the captured database (heartbeat,
 * signal and echo marker tables), in one database's dialect. Implementations are stateless and
 * thread-safe.
 */
public interface OwnTableSql {

    /** PostgreSQL. */
    OwnTableSql POSTGRES = new PostgresOwnTableSql();
    /** MariaDB. */
    OwnTableSql MARIADB = new MariaDbOwnTableSql();

    /** {@code table} as a quoted, schema-qualified name. */
    String qualified(TableId table);

    /** {@code condition} as SQL of this database, names quoted and literals written safely, without surrounding parentheses. */
    String condition(RowCondition condition);

    /**
     * The table's columns in table order; empty when the table does not exist.
     *
     * @throws SQLException when the catalog cannot be read
     */
    List<String> columns(Connection connection, TableId table) throws SQLException;

    /** Creates the heartbeat table {@code (slot_name PRIMARY KEY, beat_at NOT NULL)} unless it exists. */
    String createHeartbeatTable(TableId table);

    /** Records a beat of {@code slotName} (a literal of {@code [a-z0-9_]}) at the current time; one row per slot. */
    String heartbeat(TableId table, String slotName);

    /** Creates the signal table {@code (id PRIMARY KEY, type NOT NULL, data)} unless it exists. */
    String createSignalTable(TableId table);

    /**
     * Creates the echo marker table {@code (bridge PRIMARY KEY, batch NOT NULL, applied_at NOT NULL)}
     * unless it exists: the statement of the applier that writes the markers, so the table has one
     * shape whoever creates it.
     */
    String createEchoMarkerTable(TableId table);
}
