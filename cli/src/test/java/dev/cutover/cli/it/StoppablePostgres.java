package dev.cutover.cli.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server of its own (binaries from a Maven artifact) that a test can stop and start
 * again on the same port and data, to take a database away from a running bridge for real: its
 * clients see connections refused, as in an outage. Set up for logical decoding.
 */
final class StoppablePostgres implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    private StoppablePostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts a new server in {@code dataDir} (which should not exist yet) on a free port. */
    static StoppablePostgres start(Path dataDir) throws IOException {
        StoppablePostgres pg = new StoppablePostgres(dataDir, freePort());
        pg.server = pg.boot();
        return pg;
    }

    /** Starts the server; its data directory is kept at stop (a clean one would be deleted), so a restart finds it. */
    private EmbeddedPostgres boot() throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                // Take the first binaries archive on the class path: zonky's own resolver refuses a second copy, which
                // a packaged jar's manifest class path adds (the tools jar's lists its copy in target/lib).
                .setPgBinaryResolver((system, machine) -> StoppablePostgres.class.getResourceAsStream(
                        "/postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + machine + ".txz"))
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "4")
                .setServerConfig("max_wal_senders", "4")
                .start();
    }

    /** Stops the server (fast shutdown: open sessions are ended); its data stays. */
    synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts the stopped server again on the same port and data. */
    synchronized void restart() throws IOException {
        if (server == null) {
            server = boot();
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    void execute(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), "postgres", null); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
