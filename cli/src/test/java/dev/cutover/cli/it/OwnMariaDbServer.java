package dev.cutover.cli.it;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server of the test's own, with the binlog the capture needs, for tests that change
 * server-wide settings the shared server's other tests rely on: started from an empty data
 * directory on a free port, {@code root} without a password, stopped by {@link #close()} (its files
 * stay in the test directory). Its databases come from
 * {@link dev.cutover.testkit.mariadb.MariaDbTestDatabase#createOnOwnServer}.
 */
final class OwnMariaDbServer implements AutoCloseable {

    private final Process server;
    private final int port;
    private final Path log;

    private OwnMariaDbServer(Process server, int port, Path log) {
        this.server = server;
        this.port = port;
        this.log = log;
    }

    /** Initialises a data directory under {@code dir} and starts the server on it. */
    static OwnMariaDbServer start(Path dir) throws Exception {
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
                "--pid-file=" + dir.resolve("mariadbd.pid"), "--tmpdir=" + tmp, "--skip-name-resolve", "--server-id=1",
                "--log-bin=" + data.resolve("binlog"), "--binlog-format=ROW", "--binlog-row-image=FULL", "--binlog-row-metadata=FULL",
                "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=8M", "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_bin")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        OwnMariaDbServer own = new OwnMariaDbServer(server, port, log);
        try {
            await("own MariaDB server accepting connections").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(own::accepts);
        } catch (Exception | AssertionError e) {
            stop(server);
            throw e;
        }
        return own;
    }

    int port() {
        return port;
    }

    private boolean accepts() throws IOException {
        if (!server.isAlive()) {
            throw new IllegalStateException("mariadbd exited " + server.exitValue() + ":\n" + Files.readString(log));
        }
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "")) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (!stop(server)) {
            throw new IllegalStateException("mariadbd did not stop within 60 s; see " + log);
        }
    }

    /** Asks the server to shut down (SIGTERM) and waits; kills it when it does not. Returns whether it stopped cleanly. */
    private static boolean stop(Process server) {
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
}
