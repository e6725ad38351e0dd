package dev.cutover.tools.bench;

import dev.cutover.tools.demo.EmbeddedDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The legacy and new databases a benchmark runs against: two embedded servers (zero setup), or
 * two fresh databases on an existing PostgreSQL server reached as {@code postgres}.
 */
abstract class BenchDatabases implements AutoCloseable {

    abstract String legacyUrl();

    abstract String newUrl();

    Connection connectLegacy() throws SQLException {
        return DriverManager.getConnection(legacyUrl(), "postgres", null);
    }

    Connection connectNew() throws SQLException {
        return DriverManager.getConnection(newUrl(), "postgres", null);
    }

    @Override
    public abstract void close() throws Exception;

    static BenchDatabases embedded(Path dir) throws Exception {
        EmbeddedDatabases dbs = EmbeddedDatabases.start(dir);
        return new BenchDatabases() {
            @Override
            String legacyUrl() {
                return dbs.legacyJdbcUrl();
            }

            @Override
            String newUrl() {
                return dbs.newJdbcUrl();
            }

            @Override
            public void close() throws Exception {
                dbs.close();
            }
        };
    }

    /** Fresh databases {@code cutover_bench_legacy} and {@code cutover_bench_new} on {@code hostPort}. */
    static BenchDatabases onServer(String hostPort) throws SQLException {
        String admin = "jdbc:postgresql://" + hostPort + "/postgres";
        recreate(admin, "cutover_bench_legacy");
        recreate(admin, "cutover_bench_new");
        return new BenchDatabases() {
            @Override
            String legacyUrl() {
                return "jdbc:postgresql://" + hostPort + "/cutover_bench_legacy";
            }

            @Override
            String newUrl() {
                return "jdbc:postgresql://" + hostPort + "/cutover_bench_new";
            }

            @Override
            public void close() throws SQLException {
                drop(admin, "cutover_bench_legacy");
                drop(admin, "cutover_bench_new");
            }
        };
    }

    private static void recreate(String adminUrl, String database) throws SQLException {
        drop(adminUrl, database);
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + database + "\"");
        }
    }

    /** Drops the database and the replication slots in it (an inactive slot would pin WAL). */
    private static void drop(String adminUrl, String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", null);
                PreparedStatement slots = c.prepareStatement(
                        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = ? AND NOT active");
                Statement s = c.createStatement()) {
            slots.setString(1, database);
            slots.execute();
            s.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        }
    }
}
