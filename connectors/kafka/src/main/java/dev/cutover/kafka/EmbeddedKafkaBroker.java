package dev.cutover.kafka;

import dev.cutover.kafka.internal.BrokerProperties;
import dev.cutover.kafka.internal.BrokerStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster (KRaft broker and controller in one node) running inside this
 * JVM, for {@code kafka.bootstrap: embedded} and for integration tests.
 *
 * <p>The data directory is formatted on first use; a later start on the same directory reuses its
 * cluster id, topics and committed offsets. Both listeners bind to 127.0.0.1 only and speak
 * PLAINTEXT: the broker is for a single machine, never for a network.
 *
 * <p>The broker takes records up to a {@link RecordSizeLimit}, {@link RecordSizeLimit#DEFAULT} unless
 * given, so large rows travel through it.
 *
 * <p>A broker is started by {@link #start} and stopped by {@link #close}; it cannot be restarted
 * (start a new one on the same directory). Kafka may halt the JVM on a fatal broker fault (a
 * corrupt metadata log), as a standalone broker would exit.
 *
 * <p>Thread-safe.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    /** Attempts when free ports were picked here and another process took one before the broker bound it. */
    private static final int PORT_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final String clusterId;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path dataDir, String clusterId, int port) {
        this.server = server;
        this.dataDir = dataDir;
        this.clusterId = clusterId;
        this.port = port;
    }

    /**
     * Starts a broker storing its data in {@code dataDir} and returns once it serves clients.
     *
     * @param dataDir the log directory; created and formatted when it does not hold a formatted
     *     Kafka directory yet, reused as it is otherwise
     * @param port the client port on 127.0.0.1, or 0 to pick a free one; the controller always
     *     gets a free port of its own
     * @throws UncheckedIOException when the directory cannot be formatted or read
     * @throws IllegalStateException when the broker does not start
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        return start(dataDir, port, RecordSizeLimit.DEFAULT);
    }

    /**
     * As {@link #start(Path, int)}, taking records up to {@code limit} ({@code message.max.bytes},
     * {@code replica.fetch.max.bytes}, {@code socket.request.max.bytes}).
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, RecordSizeLimit limit) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(limit, "limit");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        Path dir = dataDir.toAbsolutePath();
        String clusterId;
        try {
            clusterId = BrokerStorage.formatIfNeeded(dir, BrokerProperties.NODE_ID, BrokerProperties.CONTROLLER_LISTENER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RuntimeException lastBindFailure = null;
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            int clientPort = port == 0 ? freePort() : port;
            int controllerPort = freePortOtherThan(clientPort);
            try {
                return startOnce(dir, clusterId, clientPort, controllerPort, limit);
            } catch (RuntimeException e) {
                if (!isBindFailure(e)) {
                    throw new IllegalStateException("embedded Kafka broker in " + dir + " did not start: " + e.getMessage(), e);
                }
                lastBindFailure = e;
                LOG.warn("Port {} or {} was taken before the embedded broker bound it (attempt {} of {})",
                        clientPort, controllerPort, attempt, PORT_ATTEMPTS);
            }
        }
        throw new IllegalStateException("embedded Kafka broker in " + dir + " could not bind its ports after "
                + PORT_ATTEMPTS + " attempts (requested client port " + port + ")", lastBindFailure);
    }

    private static EmbeddedKafkaBroker startOnce(Path dir, String clusterId, int clientPort, int controllerPort,
            RecordSizeLimit limit) {
        KafkaConfig config = new KafkaConfig(BrokerProperties.of(dir, clientPort, controllerPort, limit), false);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        long started = System.nanoTime();
        try {
            // returns once the broker is unfenced and its listeners accept requests
            server.startup();
        } catch (RuntimeException e) {
            shutdownQuietly(server);
            throw e;
        }
        LOG.info("Embedded Kafka broker (cluster {}) serves 127.0.0.1:{} from {}, started in {} ms",
                clusterId, clientPort, dir, (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedKafkaBroker(server, dir, clusterId, clientPort);
    }

    /** The bootstrap servers string for clients, e.g. {@code 127.0.0.1:39093}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The client port the broker listens on. */
    public int port() {
        return port;
    }

    /** The cluster id, stored in the data directory and kept across restarts. */
    public String clusterId() {
        return clusterId;
    }

    /** The data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker and waits until it has shut down; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            long started = System.nanoTime();
            shutdownQuietly(server);
            LOG.info("Embedded Kafka broker on 127.0.0.1:{} stopped in {} ms", port, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Embedded Kafka broker did not shut down cleanly: {}", e.toString());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** The OS may hand back a port it just gave out and saw released; the broker needs two distinct ones. */
    private static int freePortOtherThan(int taken) {
        int candidate = freePort();
        while (candidate == taken) {
            candidate = freePort();
        }
        return candidate;
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers() + ", cluster " + clusterId + ", " + dataDir + "]";
    }
}
