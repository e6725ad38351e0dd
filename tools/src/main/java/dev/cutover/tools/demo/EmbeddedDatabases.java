package dev.cutover.tools.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Two throw-away PostgreSQL servers, legacy and new, run from binaries shipped in a Maven
 * artifact, so the demo and the benchmark need nothing but a JDK. Both are set up for logical
 * decoding. Closing stops both and deletes their data.
 */
public final class EmbeddedDatabases implements AutoCloseable {

    private final EmbeddedPostgres legacy;
    private final EmbeddedPostgres neu;

    private EmbeddedDatabases(EmbeddedPostgres legacy, EmbeddedPostgres neu) {
        this.legacy = legacy;
        this.neu = neu;
    }

    /** Starts both servers under {@code dataDir} (legacy/ and new/), wiping what was there. */
    public static EmbeddedDatabases start(Path dataDir) throws IOException {
        EmbeddedPostgres legacy = startOne(dataDir.resolve("legacy"));
        try {
            return new EmbeddedDatabases(legacy, startOne(dataDir.resolve("new")));
        } catch (IOException | RuntimeException e) {
            legacy.close();
            throw e;
        }
    }

    private static EmbeddedPostgres startOne(Path dir) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(true)
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "4")
                .setServerConfig("max_wal_senders", "4")
                .setServerConfig("synchronous_commit", "on")
                .start();
    }

    /** JDBC URL of the legacy server's {@code postgres} database. */
    public String legacyJdbcUrl() {
        return url(legacy);
    }

    /** JDBC URL of the new server's {@code postgres} database. */
    public String newJdbcUrl() {
        return url(neu);
    }

    private static String url(EmbeddedPostgres pg) {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
    }

    /** A connection to the legacy database as {@code postgres}. */
    public Connection legacyConnection() throws SQLException {
        return legacy.getPostgresDatabase().getConnection();
    }

    /** A connection to the new database as {@code postgres}. */
    public Connection newConnection() throws SQLException {
        return neu.getPostgresDatabase().getConnection();
    }

    /** Runs DDL or DML statements in one connection. */
    public static void execute(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            neu.close();
        } finally {
            legacy.close();
        }
    }
}
