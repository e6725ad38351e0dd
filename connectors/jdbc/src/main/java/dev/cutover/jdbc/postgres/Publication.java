package dev.cutover.jdbc.postgres;

import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.internal.CatalogReads;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * A publication as the server lists it, with whether the connected user may change it.
 *
 * @param name the publication
 * @param owner the role that owns it
 * @param allTables whether it publishes every table ({@code FOR ALL TABLES}), which cannot be filtered afterwards
 * @param ownedByUser whether the connected user owns it (directly or through a role), which changing its tables needs
 * @param tables the tables it lists, sorted by schema and name
 */
public record Publication(String name, String owner, boolean allTables, boolean ownedByUser, List<TableId> tables) {

    private static final String PUBLICATION = "SELECT pg_get_userbyid(pubowner), puballtables,"
            + " pg_has_role(current_user, pubowner, 'USAGE') FROM pg_catalog.pg_publication WHERE pubname = ?";

    private static final String TABLES = "SELECT schemaname, tablename FROM pg_catalog.pg_publication_tables WHERE pubname = ?"
            + " ORDER BY schemaname, tablename";

    public Publication {
        tables = List.copyOf(tables);
    }

    /** True when the publication lists exactly {@code wanted}, in any order. */
    public boolean listsExactly(Collection<TableId> wanted) {
        return new HashSet<>(tables).equals(new HashSet<>(wanted));
    }

    /** Reads the publication {@code name}; empty when there is none. */
    public static Optional<Publication> read(Connection connection, String name) throws SQLException {
        Optional<Publication> found = CatalogReads.first(connection, PUBLICATION,
                rs -> new Publication(name, rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), List.of()), name);
        if (found.isEmpty()) {
            return found;
        }
        List<TableId> tables = CatalogReads.all(connection, TABLES, rs -> new TableId(rs.getString(1), rs.getString(2)), name);
        Publication p = found.get();
        return Optional.of(new Publication(name, p.owner(), p.allTables(), p.ownedByUser(), tables));
    }
}
