package dev.cutover.jdbc.postgres;

import dev.cutover.jdbc.internal.CatalogReads;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connected user's attributes that capture depends on: whether it may stream changes and
 * create a publication in the current database.
 *
 * @param name the user ({@code current_user})
 * @param database the current database
 * @param superuser whether the user is a superuser, who may do everything below
 * @param replication whether the user has the REPLICATION attribute, which streaming changes needs
 * @param mayCreateInDatabase whether the user has CREATE on the current database, which creating a publication needs
 */
public record CurrentUser(String name, String database, boolean superuser, boolean replication, boolean mayCreateInDatabase) {

    private static final String QUERY = "SELECT current_user, current_database(), rolsuper, rolreplication,"
            + " has_database_privilege(current_database(), 'CREATE') FROM pg_catalog.pg_roles WHERE rolname = current_user";

    /** Reads the user of {@code connection}. */
    public static CurrentUser read(Connection connection) throws SQLException {
        return CatalogReads.single(connection, QUERY,
                rs -> new CurrentUser(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5)));
    }

    /** True when the user may stream changes: a superuser, or with the REPLICATION attribute. */
    public boolean mayReplicate() {
        return superuser || replication;
    }
}
