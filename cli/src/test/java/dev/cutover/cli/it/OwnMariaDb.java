package dev.cutover.cli.it;

import static org.awaitility.Awaitility.await;

import dev.cutover.testkit.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server of the test's own, with the binlog the capture needs, holding one database:
 * started from an empty data directory on a free port, stopped (and its files left to the test
 * directory) by {@link #close()}. The root user has no password.
 */
final class OwnMariaDb extends TestDatabase {
    static final String USER = "root";

    private final Process server;
    private final int port;
    private final Path log;

    private OwnMariaDb(Admin admin, String name, Process server, Path log) {
        super(admin, name);
        this.server = server;
        this.port = admin.port();
        this.log = log;
    }

    /** Initialises a data directory under {@code dir}, starts the server on it, and creates {@code database}. */
    static OwnMariaDb start(Path dir, String database) throws Exception {
        Path data = dir.resolve("data");
        // Its own temporary directory: a starting server deletes the #sql files it finds there, the shared server's among them.
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String user = System.getProperty("user.name");
        run(dir.resolve("install.log"), List.of(binary("mariadb-install-db"), "--no-defaults", "--datadir=" + data, "--user=" + user,
                "--auth-root-authentication-method=normal", "--skip-test-db", "--innodb-log-file-size=8M"));
        int port = freePort();
        Path log = dir.resolve("mariadbd.log");
        Process server = new ProcessBuilder(binary("mariadbd"), "--no-defaults", "--datadir=" + data, "--user=" + user,
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mariadbd.sock"),
                "--pid-file=" + dir.resolve("mariadbd.pid"), "--tmpdir=" + tmp, "--skip-name-resolve", "--server-id=1", "--log-bin=" + data.resolve("binlog"),
                "--binlog-format=ROW", "--binlog-row-image=FULL", "--binlog-row-metadata=FULL", "--innodb-buffer-pool-size=32M",
                "--innodb-log-file-size=8M", "--character-set-server=utf8mb4", "--collation-server=utf8mb4_bin")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Admin admin = new Admin(port);
        try {
            await("own MariaDB server accepting connections").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!server.isAlive()) {
                            throw new IllegalStateException("mariadbd exited " + server.exitValue() + ":\n" + Files.readString(log));
                        }
                        return admin.accepts();
                    });
            try (Connection c = admin.connectAdmin(); Statement s = c.createStatement()) {
                s.execute(admin.createStatement(database));
            }
        } catch (Exception | AssertionError e) {
            stopServer(server);
            throw e;
        }
        return new OwnMariaDb(admin, database, server, log);
    }

    /** {@code jdbc:mariadb://127.0.0.1:<port>/<database>}. */
    String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + name();
    }

    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    @Override
    public int terminateConnections() {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    /** Stops the server; its database goes with the test directory. */
    @Override
    public void close() {
        if (!stopServer(server)) {
            throw new IllegalStateException("mariadbd did not stop within 60 s; see " + log);
        }
    }

    /** Asks the server to shut down (SIGTERM) and waits; kills it when it does not. Returns whether it stopped cleanly. */
    private static boolean stopServer(Process server) {
        server.destroy();
        try {
            if (server.waitFor(60, TimeUnit.SECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.destroyForcibly();
        return false;
    }

    private static void run(Path output, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(output, StandardCharsets.UTF_8));
        }
    }

    /** The MariaDB program {@code name} from the PATH or the usual system directories. */
    private static String binary(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst()
                .map(Path::toString).orElseThrow(() -> new IllegalStateException(name + " is not installed (looked in " + dirs + ")"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The own server's administration: the test's one database is created at start, and the server is thrown away after. */
    private record Admin(int port) implements ServerAdmin {

        boolean accepts() {
            try (Connection c = connectAdmin()) {
                return c.isValid(1);
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public Connection connectAdmin() throws SQLException {
            return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", USER, "");
        }

        @Override
        public String databasesStartingWithQuery() {
            return "SELECT schema_name FROM information_schema.schemata WHERE LOCATE(?, schema_name) = 1";
        }

        @Override
        public String createStatement(String name) {
            return "CREATE DATABASE `" + name.replace("`", "``") + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
        }

        @Override
        public void drop(Connection admin, String database) throws SQLException {
            try (Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS `" + database.replace("`", "``") + "`");
            }
        }

        @Override
        public List<String> activityQueries() {
            return List.of("SELECT id, user, db, command, time, state, left(info, 160) AS info FROM information_schema.processlist"
                    + " WHERE id <> CONNECTION_ID() AND command <> 'Sleep'");
        }

        @Override
        public String toString() {
            return "own MariaDB server 127.0.0.1:" + port;
        }
    }
}
