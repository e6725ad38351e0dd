package dev.cutover.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * Creates a table the bridge keeps for itself (markers, heartbeats, signals) unless it exists,
 * when other sessions may be creating it at the same moment: a capture and an applier of one
 * bridge start together against one database. PostgreSQL's {@code CREATE TABLE IF NOT EXISTS}
 * is not safe against that; the session that loses fails with a unique violation on
 * {@code pg_type} instead of finding the table. Stateless.
 */
public final class TableCreation {

    /**
     * SQL states with which a create fails when another session made the object first:
     * PostgreSQL's unique violation on its catalog, duplicate table and duplicate object, and the
     * SQL standard's "table exists" (MariaDB).
     */
    private static final Set<String> CREATED_MEANWHILE = Set.of("23505", "42P07", "42710", "42S01");

    /** Whether the table exists, as seen through a connection. */
    @FunctionalInterface
    public interface Lookup {
        boolean exists(Connection connection) throws SQLException;
    }

    private TableCreation() {
    }

    /**
     * Runs {@code createStatement} unless {@code lookup} finds the table. Looks first, so that a
     * user without CREATE on the schema can use a table someone else created. When the create
     * fails because another session created the table meanwhile, that is success too; in a
     * connection that is not in auto-commit mode the failed statement's transaction is rolled
     * back then, so start it with this call.
     *
     * @return true when this call created the table
     * @throws SQLException the create's failure, when the table still does not exist after it
     */
    public static boolean createUnlessExists(Connection connection, Lookup lookup, String createStatement) throws SQLException {
        if (lookup.exists(connection)) {
            return false;
        }
        try (Statement create = connection.createStatement()) {
            create.execute(createStatement);
            return true;
        } catch (SQLException e) {
            if (!CREATED_MEANWHILE.contains(e.getSQLState())) {
                throw e;
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            if (lookup.exists(connection)) {
                return false;
            }
            throw e;
        }
    }
}
