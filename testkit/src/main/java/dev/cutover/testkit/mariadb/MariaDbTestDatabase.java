package dev.cutover.testkit.mariadb;

import dev.cutover.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
public final class MariaDbTestDatabase extends TestDatabase {

    private static final Set<String> SWEPT_PREFIXES = ConcurrentHashMap.newKeySet();

    private final MariaDbServer server;

    private MariaDbTestDatabase(MariaDbServer server, String name) {
        super(new Admin(server), name);
        this.server = server;
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
        return createOn(MariaDbServer.fromEnvironment(), prefix);
    }

    /**
     * As {@link #create}, on a server of the test's own at {@code 127.0.0.1:port}, reached as
     * {@code root} without a password (for tests that change server-wide settings).
     */
    public static MariaDbTestDatabase createOnOwnServer(int port, String prefix) {
        return createOn(MariaDbServer.rootAt("127.0.0.1", port), prefix);
    }

    private static MariaDbTestDatabase createOn(MariaDbServer server, String prefix) {
        return new MariaDbTestDatabase(server, createFresh(new Admin(server), SWEPT_PREFIXES, prefix));
    }

    /**
     * Drops the databases made with {@code prefix} more than {@link #STALE_AFTER} ago.
     *
     * @return how many databases were dropped
     */
    public static int sweepStale(String prefix) {
        return sweep(new Admin(MariaDbServer.fromEnvironment()), prefix, STALE_AFTER);
    }

    /**
     * Drops every database made with {@code prefix}: for the start of a run, when no test of that
     * prefix can be running.
     *
     * @return how many databases were dropped
     */
    public static int sweepAll(String prefix) {
        return sweep(new Admin(MariaDbServer.fromEnvironment()), prefix, Duration.ZERO);
    }

    /**
     * Lists databases from {@code information_schema.schemata}; drops one after ending the sessions
     * using it (an open transaction's metadata locks would make {@code DROP DATABASE} wait).
     */
    private record Admin(MariaDbServer server) implements ServerAdmin {

        @Override
        public Connection connectAdmin() throws SQLException {
            return server.connectAdmin();
        }

        @Override
        public String databasesStartingWithQuery() {
            return "SELECT schema_name FROM information_schema.schemata WHERE LOCATE(?, schema_name) = 1";
        }

        @Override
        public String createStatement(String name) {
            return "CREATE DATABASE " + quote(name) + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
        }

        @Override
        public void drop(Connection admin, String database) throws SQLException {
            killSessions(admin, database);
            try (Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + quote(database));
            }
        }

        @Override
        public List<String> activityQueries() {
            return List.of("SELECT id, user, db, command, time, state, left(info, 160) AS info FROM information_schema.processlist"
                    + " WHERE id <> CONNECTION_ID() AND (command <> 'Sleep' OR id IN (SELECT trx_mysql_thread_id FROM information_schema.innodb_trx))",
                    "SELECT trx_mysql_thread_id, trx_state, trx_started, left(trx_query, 160) AS query FROM information_schema.innodb_trx");
        }

        @Override
        public String toString() {
            return server.toString();
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
    @Override
    public String name() {
        return super.name();
    }

    /** {@code jdbc:mariadb://host:port/<name>}. */
    public String jdbcUrl() {
        return server.jdbcUrl(name());
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
    @Override
    public Connection connect() throws SQLException {
        return server.connect(name());
    }

    /**
     * Kills every other session whose current database is this one (as a server restart or a
     * network failure would end them), and returns how many were killed.
     */
    @Override
    public int terminateConnections() {
        try (Connection admin = connectAdmin()) {
            return killSessions(admin, name());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end the sessions of test database " + name() + " on " + server + ": " + e.getMessage(), e);
        }
    }
}
