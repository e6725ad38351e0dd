package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import dev.cutover.debezium.SignalColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The table through which a capture talks to Debezium's signal processing: the capture inserts
 * {@code execute-snapshot} signals into it, and Debezium's incremental snapshots insert the
 * open and close watermarks of every chunk. Debezium reads both back from the replication stream
 * ({@code signal.data.collection}), so the table is part of the capture's publication; its rows
 * are never data for the handler.
 *
 * <p>Debezium writes watermarks with a positional {@code INSERT ... VALUES (?, ?, ?)}, so the
 * table's first three columns must be {@code id}, {@code type} and {@code data}, in that order
 * ({@link SignalColumns}).
 * One table per capture: a capture acts on every signal it reads, whoever wrote it.
 *
 * <p>Immutable and thread-safe.
 */
public final class SignalTable {

    private final TableId table;
    private final OwnTableSql sql;

    /** @param table where the signals live (PostgreSQL); schema and name of lowercase letters, digits and {@code _} */
    public SignalTable(TableId table) {
        this(table, OwnTableSql.POSTGRES);
    }

    /** @param table where the signals live; schema (on MariaDB: database) and name of lowercase letters, digits and {@code _} */
    public SignalTable(TableId table, OwnTableSql sql) {
        this.table = table;
        this.sql = sql;
    }

    public TableId table() {
        return table;
    }

    /**
     * Creates the table unless it exists, and checks the shape of an existing one. Checks first,
     * so that a user without CREATE on the schema can use a table someone else created.
     *
     * @return true when the table was created
     * @throws IllegalStateException naming the table and its columns when an existing table does
     *     not start with the columns {@code id}, {@code type}, {@code data}
     */
    public boolean ensureExists(Connection connection) throws SQLException {
        if (OwnTables.createUnlessExists(connection, sql, table, createStatement())) {
            return true;
        }
        List<String> columns = sql.columns(connection, table);
        if (!SignalColumns.fit(columns)) {
            throw new IllegalStateException("signal table " + table + " has the columns " + columns + " but Debezium writes "
                    + SignalColumns.EXPECTED + " in this order; drop it so the capture creates it, or choose another signal table");
        }
        return false;
    }

    /** Creates the table unless it exists; idempotent. */
    String createStatement() {
        return sql.createSignalTable(table);
    }

    /** Inserts one signal and commits it (the connection is in auto-commit mode). */
    public void insert(Connection connection, String id, String type, String data) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + sql.qualified(table) + " (id, type, data) VALUES (?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, type);
            ps.setString(3, data);
            ps.executeUpdate();
        }
    }

    /** The table as Debezium's {@code signal.data.collection} names it: {@code schema.table}. */
    public String dataCollection() {
        return table.schema() + "." + table.table();
    }

    /** True when a change record's source table is this table. */
    public boolean is(String schema, String tableName) {
        return OwnTables.is(table, schema, tableName);
    }
}
