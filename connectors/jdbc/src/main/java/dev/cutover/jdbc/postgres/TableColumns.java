package dev.cutover.jdbc.postgres;

import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.internal.CatalogReads;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The column names of a table as the catalog lists them: how a capture tells whether its own
 * tables exist and whether the signal table has the shape Debezium writes, and how
 * {@code cutover check} predicts the same.
 */
public final class TableColumns {

    private static final String QUERY = "SELECT a.attname::text FROM pg_catalog.pg_attribute a"
            + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
            + " ORDER BY a.attnum";

    private TableColumns() {
    }

    /** The columns of {@code table} (a table or partitioned table) in table order; empty when it does not exist. */
    public static List<String> read(Connection connection, TableId table) throws SQLException {
        return CatalogReads.all(connection, QUERY, rs -> rs.getString(1), table.schema(), table.table());
    }
}
