package dev.cutover.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The one broker of this module's integration-test JVM, started on first use and stopped by a
 * shutdown hook. (The shared test kit depends on this module, so it cannot be used here.)
 */
final class TestKafka {

    private static EmbeddedKafkaBroker broker;

    private TestKafka() {
    }

    static synchronized String bootstrapServers() {
        if (broker == null) {
            Path dir = createTempDir();
            broker = EmbeddedKafkaBroker.start(dir, 0);
            EmbeddedKafkaBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteRecursively(dir);
            }, "cutover-test-kafka-shutdown"));
        }
        return broker.bootstrapServers();
    }

    /** Client properties for the shared broker. */
    static Map<String, String> clientProperties() {
        return Map.of("bootstrap.servers", bootstrapServers());
    }

    static Path createTempDir() {
        try {
            return Files.createTempDirectory("cutover-kafka-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
