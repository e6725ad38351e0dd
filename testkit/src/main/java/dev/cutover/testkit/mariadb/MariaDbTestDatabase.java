package dev.cutover.testkit.mariadb;

import dev.cutover.testkit.TestDatabaseName;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fresh, empty database (schema) on the machine's MariaDB for one test class (or test), dropped
 * again by {@link #close()} after ending the sessions still using it.
 *
 * <p>The server is {@code 127.0.0.1:3306} as {@code root} with an empty password unless the
 * environment variables {@code CUTOVER_TEST_MARIADB_HOST}, {@code CUTOVER_TEST_MARIADB_PORT},
 * {@code CUTOVER_TEST_MARIADB_USER} and {@code CUTOVER_TEST_MARIADB_PASSWORD} say otherwise.
 * Databases are named {@code <prefix>_<epoch seconds>_<random>}; the first {@link #create} of a
 * prefix in a JVM drops that prefix's leftovers older than an hour (from crashed runs).
 *
 * <pre>{@code
 * static MariaDbTestDatabase db;
 * @BeforeAll static void start() { db = MariaDbTestDatabase.create("cutover_jdbc_maria"); }
 * @AfterAll static void stop() { db.close(); }
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} is idempotent. Helper methods throw {@link IllegalStateException}
 * naming the database and statement when SQL fails.
 */
public final class MariaDbTestDatabase implements AutoCloseable {

    /** Leftovers older than this are taken for debris of crashed runs. */
    public static final Duration STALE_AFTER = Duration.ofHours(1);

    private static final Set<String> SWEPT_PREFIXES = ConcurrentHashMap.newKeySet();

    private final MariaDbServer server;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MariaDbTestDatabase(MariaDbServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /**
     * Creates a new database {@code <prefix>_<epoch seconds>_<random>} with character set
     * {@code utf8mb4} and the binary collation {@code utf8mb4_bin}, so that text compares exactly
     * (case- and accent-sensitive) as it does in PostgreSQL.
     *
     * @param prefix 1 to 40 lowercase letters, digits or underscores, starting with a letter;
     *     choose one per module so that sweeps never touch another module's databases
     */
    public static MariaDbTestDatabase create(String prefix) {
        TestDatabaseName.checkPrefix(prefix);
        MariaDbServer server = MariaDbServer.fromEnvironment();
        if (SWEPT_PREFIXES.add(prefix)) {
            sweep(server, prefix, STALE_AFTER);
        }
        String name = TestDatabaseName.fresh(prefix, Instant.now()).toString();
        try (Connection admin = server.connectAdmin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + quote(name) + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + server + ": " + e.getMessage(), e);
        }
        return new MariaDbTestDatabase(server, name);
    }

    /**
     * Drops the databases made with {@code prefix} more than {@link #STALE_AFTER} ago.
     *
     * @return how many databases were dropped
     */
    public static int sweepStale(String prefix) {
        return sweep(MariaDbServer.fromEnvironment(), prefix, STALE_AFTER);
    }

    /**
     * Drops every database made with {@code prefix}: for the start of a run, when no test of that
     * prefix can be running.
     *
     * @return how many databases were dropped
     */
    public static int sweepAll(String prefix) {
        return sweep(MariaDbServer.fromEnvironment(), prefix, Duration.ZERO);
    }

    private static int sweep(MariaDbServer server, String prefix, Duration olderThan) {
        TestDatabaseName.checkPrefix(prefix);
        Instant cutoff = Instant.now().minus(olderThan);
        try (Connection admin = server.connectAdmin()) {
            List<String> stale = new ArrayList<>();
            try (PreparedStatement query = admin.prepareStatement(
                    "SELECT schema_name FROM information_schema.schemata WHERE LEFT(schema_name, ?) = ?")) {
                query.setInt(1, prefix.length() + 1);
                query.setString(2, prefix + "_");
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        String database = rs.getString(1);
                        TestDatabaseName.parse(prefix, database).filter(n -> !n.createdAt().isAfter(cutoff)).ifPresent(n -> stale.add(database));
                    }
                }
            }
            for (String database : stale) {
                drop(admin, database);
            }
            return stale.size();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot sweep test databases '" + prefix + "_*' on " + server + ": " + e.getMessage(), e);
        }
    }

    /**
     * Ends the sessions using {@code database} (an open transaction's metadata locks would make
     * {@code DROP DATABASE} wait), then drops it.
     */
    private static void drop(Connection admin, String database) throws SQLException {
        killSessions(admin, database);
        try (Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + quote(database));
        }
    }

    private static int killSessions(Connection admin, String database) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement query = admin.prepareStatement(
                "SELECT id FROM information_schema.processlist WHERE db = ? AND id <> CONNECTION_ID()")) {
            query.setString(1, database);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        int killed = 0;
        for (long id : ids) {
            try (Statement kill = admin.createStatement()) {
                kill.execute("KILL CONNECTION " + id);
                killed++;
            } catch (SQLException e) {
                // The session ended meanwhile (error 1094, unknown thread id): nothing left to end.
            }
        }
        return killed;
    }

    static String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    /** The database's name, which is also the schema of its tables. */
    public String name() {
        return name;
    }

    /** {@code jdbc:mariadb://host:port/<name>}. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** The server's host name or address, for clients configured by host and port (as Debezium is). */
    public String host() {
        return server.host();
    }

    /** The server's port. */
    public int port() {
        return server.port();
    }

    /** The user to connect as; it has every privilege on the server (by default it is {@code root}). */
    public String user() {
        return server.user();
    }

    /** The user's password; empty by default. */
    public String password() {
        return server.password();
    }

    /** A new connection to this database in auto-commit mode; the caller closes it. */
    public Connection connect() throws SQLException {
        return server.connect(name);
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
     * Kills every other session whose current database is this one (as a server restart or a
     * network failure would end them), and returns how many were killed.
     */
    public int terminateConnections() {
        try (Connection admin = server.connectAdmin()) {
            return killSessions(admin, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end the sessions of test database " + name + " on " + server + ": " + e.getMessage(), e);
        }
    }

    /** Ends the sessions still using this database, then drops it. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (Connection admin = server.connectAdmin()) {
            drop(admin, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name + " on " + server + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name + " on " + server;
    }
}
