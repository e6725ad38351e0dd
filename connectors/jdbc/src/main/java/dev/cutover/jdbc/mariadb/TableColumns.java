package dev.cutover.jdbc.mariadb;

import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.internal.CatalogReads;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The column names of a table as {@code information_schema} lists them (the schema of a
 * {@link TableId} is the database): how a capture tells whether a table exists and whether its
 * signal table has the shape Debezium writes.
 */
public final class TableColumns {

    private static final String QUERY = "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
            + " ORDER BY ordinal_position";

    private TableColumns() {
    }

    /** The columns of {@code table} in table order; empty when it does not exist or the user may not see it. */
    public static List<String> read(Connection connection, TableId table) throws SQLException {
        return CatalogReads.all(connection, QUERY, rs -> rs.getString(1), table.schema(), table.table());
    }
}
