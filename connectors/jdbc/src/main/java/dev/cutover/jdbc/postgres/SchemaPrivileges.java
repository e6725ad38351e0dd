package dev.cutover.jdbc.postgres;

import dev.cutover.jdbc.internal.CatalogReads;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Whether the connected user may create tables in one schema, as creating a capture's own
 * tables there needs.
 *
 * @param user the connected user ({@code current_user})
 * @param mayCreate whether the user has CREATE on the schema
 */
public record SchemaPrivileges(String user, boolean mayCreate) {

    private static final String QUERY = "SELECT current_user, has_schema_privilege(n.oid, 'CREATE') FROM pg_catalog.pg_namespace n"
            + " WHERE n.nspname = ?";

    /** Reads the user's privileges on {@code schema}; empty when there is no such schema. */
    public static Optional<SchemaPrivileges> read(Connection connection, String schema) throws SQLException {
        return CatalogReads.first(connection, QUERY, rs -> new SchemaPrivileges(rs.getString(1), rs.getBoolean(2)), schema);
    }
}
