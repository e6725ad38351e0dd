package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creation of the small tables a capture keeps in the captured database (heartbeat, echo markers). Stateless. */
final class OwnTables {

    private OwnTables() {
    }

    /**
     * Runs {@code createStatement} unless {@code table} exists. Checks first, so that a user
     * without CREATE on the schema can use a table someone else created.
     *
     * @return true when the table was created
     */
    static boolean createUnlessExists(Connection connection, OwnTableSql sql, TableId table, String createStatement) throws SQLException {
        if (!sql.columns(connection, table).isEmpty()) {
            return false;
        }
        try (Statement s = connection.createStatement()) {
            s.execute(createStatement);
        }
        return true;
    }

    /** True when a change record's source schema and table name are {@code table}'s. */
    static boolean is(TableId table, String schema, String tableName) {
        return table.schema().equals(schema) && table.table().equals(tableName);
    }
}
