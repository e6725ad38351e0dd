package dev.cutover.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the PostgreSQL and MariaDB test databases share: creating a fresh database per prefix (after
 * sweeping that prefix's stale leftovers once per JVM), running statements and queries with errors
 * that name the database and statement, and dropping the database once on {@link #close()}. A
 * subclass says through a {@link ServerAdmin} how its server lists, creates and drops databases.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public abstract class TestDatabase implements AutoCloseable {

    /** Leftovers older than this are taken for debris of crashed runs. */
    public static final Duration STALE_AFTER = Duration.ofHours(1);

    private final ServerAdmin admin;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();

    protected TestDatabase(ServerAdmin admin, String name) {
        this.admin = admin;
        this.name = name;
    }

    /** How one server's admin connection lists, creates and drops test databases; its {@code toString} names the server. */
    protected interface ServerAdmin {

        /** A new admin connection in auto-commit mode; the caller closes it. */
        Connection connectAdmin() throws SQLException;

        /**
         * A query for the names of the databases whose name starts with its one parameter; it may
         * return more (a case-insensitive match), as the names are parsed again.
         */
        String databasesStartingWithQuery();

        /** The statement creating the database {@code name}. */
        String createStatement(String name);

        /** Drops {@code database} and whatever would block dropping it or outlive it. */
        void drop(Connection admin, String database) throws SQLException;

        /** Queries listing the server's busy or waiting sessions (and replication state), for {@link #serverActivity()}. */
        List<String> activityQueries();
    }

    /**
     * Creates a database {@code <prefix>_<epoch seconds>_<random>}, sweeping the prefix's stale
     * leftovers first unless {@code sweptPrefixes} says this JVM already did.
     *
     * @return the new database's name
     */
    protected static String createFresh(ServerAdmin admin, Set<String> sweptPrefixes, String prefix) {
        TestDatabaseName.checkPrefix(prefix);
        if (sweptPrefixes.add(prefix)) {
            sweep(admin, prefix, STALE_AFTER);
        }
        String name = TestDatabaseName.fresh(prefix, Instant.now()).toString();
        try (Connection connection = admin.connectAdmin(); Statement statement = connection.createStatement()) {
            statement.execute(admin.createStatement(name));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + admin + ": " + e.getMessage(), e);
        }
        return name;
    }

    /**
     * Drops the databases made with {@code prefix} at least {@code olderThan} ago.
     *
     * @return how many databases were dropped
     */
    protected static int sweep(ServerAdmin admin, String prefix, Duration olderThan) {
        TestDatabaseName.checkPrefix(prefix);
        Instant cutoff = Instant.now().minus(olderThan);
        try (Connection connection = admin.connectAdmin()) {
            List<String> stale = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(admin.databasesStartingWithQuery())) {
                query.setString(1, prefix + "_");
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        String database = rs.getString(1);
                        TestDatabaseName.parse(prefix, database).filter(n -> !n.createdAt().isAfter(cutoff)).ifPresent(n -> stale.add(database));
                    }
                }
            }
            for (String database : stale) {
                admin.drop(connection, database);
            }
            return stale.size();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot sweep test databases '" + prefix + "_*' on " + admin + ": " + e.getMessage(), e);
        }
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** A new connection to this database in auto-commit mode; the caller closes it. */
    public abstract Connection connect() throws SQLException;

    /** A new admin connection to this database's server; the caller closes it. */
    protected Connection connectAdmin() throws SQLException {
        return admin.connectAdmin();
    }

    /** Runs each statement in turn, each in its own transaction (auto-commit). */
    public void execute(String... sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                run(statement, each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to test database " + name + ": " + e.getMessage(), e);
        }
    }

    private void run(Statement statement, String sql) {
        try {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed on test database " + name + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The rows of a query, each a map from column label to the driver's value, in column order. */
    public List<Map<String, Object>> queryRows(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed on test database " + name + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * What the server is busy with: its sessions that run, wait or hold a transaction open, and
     * replication state. For a test's failure message, when something never became ready; a
     * query that fails is reported in place of its rows.
     */
    public String serverActivity() {
        StringBuilder report = new StringBuilder("activity on ").append(admin).append(':');
        try (Connection connection = admin.connectAdmin(); Statement statement = connection.createStatement()) {
            for (String sql : admin.activityQueries()) {
                report.append("\n  ").append(sql);
                try (ResultSet rs = statement.executeQuery(sql)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        report.append("\n    ");
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            report.append(meta.getColumnLabel(i)).append('=').append(rs.getObject(i)).append(' ');
                        }
                    }
                } catch (SQLException e) {
                    report.append("\n    failed: ").append(e.getMessage());
                }
            }
        } catch (SQLException e) {
            report.append(" cannot connect: ").append(e.getMessage());
        }
        return report.toString();
    }

    /**
     * Ends every other session using this database (as a server restart or a network failure
     * would end them), and returns how many were ended.
     */
    public abstract int terminateConnections();

    /** Drops the database with whatever would block dropping it or outlive it. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (Connection connection = admin.connectAdmin()) {
            admin.drop(connection, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name + " on " + admin + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name + " on " + admin;
    }
}
