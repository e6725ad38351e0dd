package dev.cutover.jdbc.postgres;

import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.internal.CatalogReads;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A publication as the server lists it, with whether the connected user may change it.
 *
 * @param name the publication
 * @param owner the role that owns it
 * @param allTables whether it publishes every table ({@code FOR ALL TABLES}), which cannot be filtered afterwards
 * @param ownedByUser whether the connected user owns it (directly or through a role), which changing its tables needs
 * @param tables the tables it lists
 */
public record Publication(String name, String owner, boolean allTables, boolean ownedByUser, Set<TableId> tables) {

    private static final String PUBLICATION = "SELECT pg_get_userbyid(pubowner), puballtables,"
            + " pg_has_role(current_user, pubowner, 'USAGE') FROM pg_catalog.pg_publication WHERE pubname = ?";

    private static final String TABLES = "SELECT schemaname, tablename FROM pg_catalog.pg_publication_tables WHERE pubname = ?";

    public Publication {
        tables = Set.copyOf(tables);
    }

    /** Reads the publication {@code name}; empty when there is none. */
    public static Optional<Publication> read(Connection connection, String name) throws SQLException {
        Optional<Publication> found = CatalogReads.first(connection, PUBLICATION,
                rs -> new Publication(name, rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), Set.of()), name);
        if (found.isEmpty()) {
            return found;
        }
        Set<TableId> tables = new HashSet<>(CatalogReads.all(connection, TABLES, rs -> new TableId(rs.getString(1), rs.getString(2)), name));
        Publication p = found.get();
        return Optional.of(new Publication(name, p.owner(), p.allTables(), p.ownedByUser(), tables));
    }
}
