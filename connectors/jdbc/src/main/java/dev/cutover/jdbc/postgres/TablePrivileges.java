package dev.cutover.jdbc.postgres;

import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.internal.CatalogReads;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Which of some table privileges the connected user holds on one table (granted to it, to a
 * role it has, or to PUBLIC).
 *
 * @param user the connected user ({@code current_user})
 * @param lacking the privileges asked about that the user does not hold, in the order asked
 */
public record TablePrivileges(String user, List<String> lacking) {

    private static final String QUERY = "SELECT current_user, has_table_privilege(c.oid, ?) FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?";

    public TablePrivileges {
        lacking = List.copyOf(lacking);
    }

    /**
     * Reads whether the user holds each of {@code privileges} (e.g. {@code SELECT}, {@code INSERT})
     * on {@code table}, a relation of any kind.
     *
     * @return empty when there is no such relation
     */
    public static Optional<TablePrivileges> read(Connection connection, TableId table, Collection<String> privileges)
            throws SQLException {
        record Grant(String user, boolean granted) {
        }
        String user = null;
        List<String> lacking = new ArrayList<>();
        for (String privilege : privileges) {
            Optional<Grant> grant = CatalogReads.first(connection, QUERY, rs -> new Grant(rs.getString(1), rs.getBoolean(2)),
                    privilege, table.schema(), table.table());
            if (grant.isEmpty()) {
                return Optional.empty();
            }
            user = grant.get().user();
            if (!grant.get().granted()) {
                lacking.add(privilege);
            }
        }
        return Optional.ofNullable(user).map(u -> new TablePrivileges(u, lacking));
    }

    /** True when the user holds every privilege asked about. */
    public boolean complete() {
        return lacking.isEmpty();
    }
}
