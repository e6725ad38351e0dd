package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.TableCreation;
import java.sql.Connection;
import java.sql.SQLException;

/** Creation of the small tables a capture keeps in the captured database (heartbeat, echo markers). Stateless. */
final class OwnTables {

    private OwnTables() {
    }

    /**
     * Runs {@code createStatement} unless {@code table} exists. Checks first, so that a user
     * without CREATE on the schema can use a table someone else created; another session (an
     * applier writing markers, another capture) may be creating it at the same moment.
     *
     * @return true when the table was created
     */
    static boolean createUnlessExists(Connection connection, OwnTableSql sql, TableId table, String createStatement) throws SQLException {
        return TableCreation.createUnlessExists(connection, c -> !sql.columns(c, table).isEmpty(), createStatement);
    }

    /** True when a change record's source schema and table name are {@code table}'s. */
    static boolean is(TableId table, String schema, String tableName) {
        return table.schema().equals(schema) && table.table().equals(tableName);
    }
}
