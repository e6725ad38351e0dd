package dev.cutover.testkit.postgres;

import dev.cutover.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fresh, empty database on the machine's PostgreSQL for one test class (or test), dropped
 * again by {@link #close()} together with every replication slot in it (terminating their
 * walsenders first).
 *
 * <p>The server is {@code 127.0.0.1:5432} as {@code postgres} with trust authentication unless
 * the environment variables {@code CUTOVER_TEST_PG_HOST}, {@code CUTOVER_TEST_PG_PORT} and
 * {@code CUTOVER_TEST_PG_USER} say otherwise. Databases are named
 * {@code <prefix>_<epoch seconds>_<random>}; the first {@link #create} of a prefix in a JVM drops
 * that prefix's leftovers older than an hour (from crashed runs), since their inactive
 * replication slots would retain WAL for ever.
 *
 * <pre>{@code
 * static PostgresTestDatabase db;
 * @BeforeAll static void start() { db = PostgresTestDatabase.create("cutover_jdbc"); }
 * @AfterAll static void stop() { db.close(); }
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} is idempotent. Helper methods throw {@link IllegalStateException}
 * naming the database and statement when SQL fails.
 */
public final class PostgresTestDatabase extends TestDatabase {

    private static final Set<String> SWEPT_PREFIXES = ConcurrentHashMap.newKeySet();

    private final PostgresServer server;

    private PostgresTestDatabase(PostgresServer server, String name) {
        super(new Admin(server), name);
        this.server = server;
    }

    /**
     * Creates a new database {@code <prefix>_<epoch seconds>_<random>}.
     *
     * @param prefix 1 to 40 lowercase letters, digits or underscores, starting with a letter;
     *     choose one per module so that sweeps never touch another module's databases
     */
    public static PostgresTestDatabase create(String prefix) {
        PostgresServer server = PostgresServer.fromEnvironment();
        return new PostgresTestDatabase(server, createFresh(new Admin(server), SWEPT_PREFIXES, prefix));
    }

    /**
     * Drops the databases made with {@code prefix} more than {@link #STALE_AFTER} ago, with their
     * replication slots.
     *
     * @return how many databases were dropped
     */
    public static int sweepStale(String prefix) {
        return sweep(new Admin(PostgresServer.fromEnvironment()), prefix, STALE_AFTER);
    }

    /**
     * Drops every database made with {@code prefix}, with its replication slots: for the start of
     * a run, when no test of that prefix can be running.
     *
     * @return how many databases were dropped
     */
    public static int sweepAll(String prefix) {
        return sweep(new Admin(PostgresServer.fromEnvironment()), prefix, Duration.ZERO);
    }

    /** Lists databases from {@code pg_database}; drops them with their replication slots. */
    private record Admin(PostgresServer server) implements ServerAdmin {

        @Override
        public Connection connectAdmin() throws SQLException {
            return server.connectAdmin();
        }

        @Override
        public String databasesStartingWithQuery() {
            return "SELECT datname FROM pg_database WHERE starts_with(datname, ?)";
        }

        @Override
        public String createStatement(String name) {
            return "CREATE DATABASE " + DatabaseDropper.quote(name);
        }

        @Override
        public void drop(Connection admin, String database) throws SQLException {
            new DatabaseDropper(admin).drop(database);
        }

        @Override
        public List<String> activityQueries() {
            return List.of("SELECT pid, datname, application_name, backend_type, state, wait_event_type, wait_event,"
                    + " now() - xact_start AS in_transaction_for, left(query, 160) AS query FROM pg_stat_activity"
                    + " WHERE pid <> pg_backend_pid() AND (state IS DISTINCT FROM 'idle' OR backend_type = 'walsender')",
                    "SELECT slot_name, database, active, active_pid, restart_lsn, confirmed_flush_lsn FROM pg_replication_slots");
        }

        @Override
        public String toString() {
            return server.toString();
        }
    }

    /** {@code jdbc:postgresql://host:port/<name>}. */
    public String jdbcUrl() {
        return server.jdbcUrl(name());
    }

    /** The user to connect as; no password is needed. */
    public String user() {
        return server.user();
    }

    /** A new connection to this database in auto-commit mode; the caller closes it. */
    @Override
    public Connection connect() throws SQLException {
        return server.connect(name());
    }

    /**
     * Terminates every other session connected to this database (as a server restart or a
     * network failure would end them), and returns how many were terminated.
     */
    @Override
    public int terminateConnections() {
        List<Map<String, Object>> rows = queryRows("SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
        return (int) rows.stream().filter(r -> Boolean.TRUE.equals(r.get("terminated"))).count();
    }
}
