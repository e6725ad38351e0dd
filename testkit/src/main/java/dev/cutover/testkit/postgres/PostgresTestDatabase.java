package dev.cutover.testkit.postgres;

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
 * A fresh, empty database on the machine's PostgreSQL for one test class (or test), dropped
 * again by {@link #close()} together with every replication slot in it.
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
public final class PostgresTestDatabase implements AutoCloseable {

    /** Leftovers older than this are taken for debris of crashed runs. */
    public static final Duration STALE_AFTER = Duration.ofHours(1);

    private static final Set<String> SWEPT_PREFIXES = ConcurrentHashMap.newKeySet();

    private final PostgresServer server;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresTestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /**
     * Creates a new database {@code <prefix>_<epoch seconds>_<random>}.
     *
     * @param prefix 1 to 40 lowercase letters, digits or underscores, starting with a letter;
     *     choose one per module so that sweeps never touch another module's databases
     */
    public static PostgresTestDatabase create(String prefix) {
        TestDatabaseName.checkPrefix(prefix);
        PostgresServer server = PostgresServer.fromEnvironment();
        if (SWEPT_PREFIXES.add(prefix)) {
            sweep(server, prefix, STALE_AFTER);
        }
        String name = TestDatabaseName.fresh(prefix, Instant.now()).toString();
        try (Connection admin = server.connectAdmin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + DatabaseDropper.quote(name));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + server + ": " + e.getMessage(), e);
        }
        return new PostgresTestDatabase(server, name);
    }

    /**
     * Drops the databases made with {@code prefix} more than {@link #STALE_AFTER} ago, with their
     * replication slots.
     *
     * @return how many databases were dropped
     */
    public static int sweepStale(String prefix) {
        return sweep(PostgresServer.fromEnvironment(), prefix, STALE_AFTER);
    }

    /**
     * Drops every database made with {@code prefix}, with its replication slots: for the start of
     * a run, when no test of that prefix can be running.
     *
     * @return how many databases were dropped
     */
    public static int sweepAll(String prefix) {
        return sweep(PostgresServer.fromEnvironment(), prefix, Duration.ZERO);
    }

    private static int sweep(PostgresServer server, String prefix, Duration olderThan) {
        TestDatabaseName.checkPrefix(prefix);
        Instant cutoff = Instant.now().minus(olderThan);
        try (Connection admin = server.connectAdmin()) {
            List<String> stale = new ArrayList<>();
            try (PreparedStatement query = admin.prepareStatement("SELECT datname FROM pg_database WHERE starts_with(datname, ?)");
                    ResultSet rs = bind(query, prefix + "_").executeQuery()) {
                while (rs.next()) {
                    String database = rs.getString(1);
                    TestDatabaseName.parse(prefix, database).filter(n -> !n.createdAt().isAfter(cutoff)).ifPresent(n -> stale.add(database));
                }
            }
            DatabaseDropper dropper = new DatabaseDropper(admin);
            for (String database : stale) {
                dropper.drop(database);
            }
            return stale.size();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot sweep test databases '" + prefix + "_*' on " + server + ": " + e.getMessage(), e);
        }
    }

    private static PreparedStatement bind(PreparedStatement statement, String value) throws SQLException {
        statement.setString(1, value);
        return statement;
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** {@code jdbc:postgresql://host:port/<name>}. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** The user to connect as; no password is needed. */
    public String user() {
        return server.user();
    }

    /** A new connection to this database in auto-commit mode; the caller closes it. */
    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    /** Runs each statement in turn, each in its own transaction. */
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
     * Terminates every other session connected to this database (as a server restart or a
     * network failure would end them), and returns how many were terminated.
     */
    public int terminateConnections() {
        List<Map<String, Object>> rows = queryRows("SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
        return (int) rows.stream().filter(r -> Boolean.TRUE.equals(r.get("terminated"))).count();
    }

    /** Drops this database's replication slots (terminating their walsenders first), then the database. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (Connection admin = server.connectAdmin()) {
            new DatabaseDropper(admin).drop(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name + " on " + server + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name + " on " + server;
    }
}
