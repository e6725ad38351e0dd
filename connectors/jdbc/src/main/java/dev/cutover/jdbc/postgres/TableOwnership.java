package dev.cutover.jdbc.postgres;

import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.internal.CatalogReads;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which of some tables the connected user owns (directly or through a role), as adding a table
 * to a publication needs.
 *
 * @param missing the tables (or partitioned tables) that do not exist, in the order asked
 * @param notOwned the existing tables the user does not own, in the order asked
 */
public record TableOwnership(List<TableId> missing, List<TableId> notOwned) {

    private static final String QUERY = "SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?"
            + " AND c.relkind IN ('r', 'p')";

    public TableOwnership {
        missing = List.copyOf(missing);
        notOwned = List.copyOf(notOwned);
    }

    /** Reads the ownership of every table in {@code tables}. */
    public static TableOwnership read(Connection connection, List<TableId> tables) throws SQLException {
        List<TableId> missing = new ArrayList<>();
        List<TableId> notOwned = new ArrayList<>();
        for (TableId t : tables) {
            Optional<Boolean> owned = CatalogReads.first(connection, QUERY, rs -> rs.getBoolean(1), t.schema(), t.table());
            if (owned.isEmpty()) {
                missing.add(t);
            } else if (!owned.get()) {
                notOwned.add(t);
            }
        }
        return new TableOwnership(missing, notOwned);
    }
}
