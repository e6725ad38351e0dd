package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The small table a capture writes to on every heartbeat.
 *
 * <p>Why it exists on PostgreSQL: a logical replication slot only moves its {@code confirmed_flush_lsn} when the
 * consumer confirms a position, and Debezium confirms only positions of messages it received.
 * While the captured tables are idle, PostgreSQL sends nothing through the publication (since
 * PostgreSQL 15 not even empty transactions), so without a write to a published table the slot
 * pins all WAL written since the last captured change. Debezium's {@code heartbeat.action.query}
 * upserts this capture's row here on every heartbeat interval; the table is part of the
 * capture's publication, so the write comes back through the slot and its position is confirmed.
 * One row per slot, so several captures can share a database and the table. On MariaDB the
 * binlog holds no position for the capture, but the beat written right after start is what tells
 * the capture that it streams (see {@link InitialLoads}), and every beat moves the committed
 * position on while the captured tables are idle.
 *
 * <p>Immutable and thread-safe.
 */
public final class HeartbeatTable {

    private final TableId table;
    private final String slotName;
    private final OwnTableSql sql;

    /**
     * @param table where the heartbeat rows live
     * @param slotName the capture's slot; must match {@code [a-z0-9_]+} (checked by
     *     {@link dev.cutover.debezium.CaptureOptions}), as it is written into the action query
     *     as a literal: Debezium runs the query without parameters
     */
    public HeartbeatTable(TableId table, String slotName) {
        this(table, slotName, OwnTableSql.POSTGRES);
    }

    /** As {@link #HeartbeatTable(TableId, String)}, in the dialect {@code sql}. */
    public HeartbeatTable(TableId table, String slotName, OwnTableSql sql) {
        if (!slotName.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("slot name '" + slotName + "' cannot be written into the heartbeat query");
        }
        this.table = table;
        this.slotName = slotName;
        this.sql = sql;
    }

    public TableId table() {
        return table;
    }

    /**
     * Creates the table unless it exists. Checks first, so that a user without CREATE on the
     * schema can use a table someone else created.
     *
     * @return true when the table was created
     */
    public boolean ensureExists(Connection connection) throws SQLException {
        return OwnTables.createUnlessExists(connection, sql, table, createStatement());
    }

    /** Creates the table unless it exists; idempotent. */
    String createStatement() {
        return sql.createHeartbeatTable(table);
    }

    /** The statement Debezium runs on every heartbeat: records the beat under this capture's slot. */
    public String actionQuery() {
        return sql.heartbeat(table, slotName);
    }

    /** Runs the {@link #actionQuery()} on {@code connection}, in auto-commit mode. */
    public void beat(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(actionQuery());
        }
    }

    /** True when a change record's source table is this table. */
    public boolean is(String schema, String tableName) {
        return OwnTables.is(table, schema, tableName);
    }
}
