package dev.cutover.testkit.kafka;

import dev.cutover.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The one real Kafka broker of a test JVM: an {@link EmbeddedKafkaBroker} started on first use in
 * a temporary directory, stopped (and its directory deleted) by a JVM shutdown hook. Every test
 * class of the JVM shares it, so tests must use topic and group names of their own (e.g. a bridge
 * name with a random suffix).
 *
 * <p>Thread-safe.
 */
public final class SharedKafka {

    private static EmbeddedKafkaBroker broker;

    private SharedKafka() {
    }

    /** The broker's bootstrap servers, starting it if this is the first call. */
    public static synchronized String bootstrapServers() {
        if (broker == null) {
            Path dir = tempDir();
            EmbeddedKafkaBroker started = EmbeddedKafkaBroker.start(dir, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteRecursively(dir);
            }, "cutover-shared-kafka-shutdown"));
            broker = started;
        }
        return broker.bootstrapServers();
    }

    /** Client properties for the broker: just {@code bootstrap.servers}. */
    public static Map<String, String> clientProperties() {
        return Map.of("bootstrap.servers", bootstrapServers());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("cutover-shared-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a directory for the shared Kafka broker", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit: the directory is in the temp area
        }
    }
}
