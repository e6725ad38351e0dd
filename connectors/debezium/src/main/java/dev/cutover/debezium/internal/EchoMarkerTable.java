package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import io.debezium.data.Envelope;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * The table in which the appliers writing into the captured database mark their transactions:
 * {@code (bridge text PRIMARY KEY, batch bigint NOT NULL, applied_at timestamptz NOT NULL)}, one
 * row per bridge, upserted as the first statement of every applied batch (see the JDBC
 * connector's {@code ApplyMarker}). The table is part of the capture's publication so that its
 * changes reveal which transactions an applier wrote; they are never data for the handler.
 *
 * <p>Immutable and thread-safe.
 */
public final class EchoMarkerTable {

    /** The column that names the bridge whose applier wrote the transaction. */
    static final String BRIDGE_COLUMN = "bridge";

    private final TableId table;
    private final OwnTableSql sql;

    /** @param table where the markers live (PostgreSQL); has a schema */
    public EchoMarkerTable(TableId table) {
        this(table, OwnTableSql.POSTGRES);
    }

    /** @param table where the markers live; has a schema (on MariaDB: the database) */
    public EchoMarkerTable(TableId table, OwnTableSql sql) {
        this.table = table;
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

    /** Creates the table unless it exists; idempotent. The same shape as the JDBC applier creates. */
    String createStatement() {
        return sql.createEchoMarkerTable(table);
    }

    /** True when a change record's source table is this table. */
    public boolean is(String schema, String tableName) {
        return OwnTables.is(table, schema, tableName);
    }

    /** The bridge a marker change names in its after image; null for a delete or a row without that column. */
    static String bridgeOf(Struct envelope) {
        Struct after = envelope.getStruct(Envelope.FieldName.AFTER);
        if (after == null) {
            return null;
        }
        Field field = after.schema().field(BRIDGE_COLUMN);
        return field == null ? null : after.getString(BRIDGE_COLUMN);
    }
}
