package dev.cutover.cli.check;

import dev.cutover.config.BridgeConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the service keeps on this machine: the data directory (capture offsets) and, for the
 * embedded broker, its log directory must be writable, and the ports it listens on (embedded
 * Kafka, HTTP) free. Binds each port once, briefly, and creates nothing.
 */
final class LocalStateCheck implements PreflightCheck {

    @Override
    public String title() {
        return "local state and ports";
    }

    @Override
    public List<Finding> run(CheckContext context) {
        BridgeConfig config = context.config();
        List<Finding> findings = new ArrayList<>();
        findings.add(writable("data-dir", config.dataDir(), "the capture offsets"));
        if (config.kafka().embedded()) {
            findings.add(writable("kafka.data-dir", config.kafka().dataDir(), "the embedded Kafka broker's log"));
            findings.add(freePort("kafka.embedded-port", "127.0.0.1", config.kafka().embeddedPort(), "the embedded Kafka broker"));
        }
        findings.add(freePort("http.address", config.http().host(), config.http().port(), "the HTTP endpoint"));
        return findings;
    }

    /** A directory that exists and is writable, or whose nearest existing parent is, so that it can be created. */
    static Finding writable(String path, Path dir, String what) {
        Path absolute = dir.toAbsolutePath();
        if (Files.exists(absolute)) {
            if (Files.isDirectory(absolute) && Files.isWritable(absolute)) {
                return Finding.ok(path, absolute + " is writable for " + what);
            }
            return Finding.problem(path, absolute + " holds " + what + " but is " + (Files.isDirectory(absolute) ? "not writable"
                    : "not a directory"), "make it a directory this user may write, or set " + path + " to one");
        }
        Path parent = absolute.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent != null && Files.isDirectory(parent) && Files.isWritable(parent)) {
            return Finding.ok(path, absolute + " will be created for " + what);
        }
        return Finding.problem(path, absolute + " does not exist and cannot be created" + (parent == null ? "" : ": " + parent
                + " is not writable"), "create it writable for this user, or set " + path + " to a writable directory");
    }

    /** A port nothing listens on; 0 always fits. */
    static Finding freePort(String path, String host, int port, String what) {
        if (port == 0) {
            return Finding.ok(path, what + " listens on a free port chosen at start");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return Finding.ok(path, "port " + port + " on " + host + " is free for " + what);
        } catch (IOException e) {
            return Finding.problem(path, "port " + port + " on " + host + " cannot be bound for " + what + ": " + e.getMessage()
                    + " (is a bridge running already?)", "stop what listens there, or set " + path + " to a free port (or port 0)");
        }
    }
}
