package dev.cutover.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.SchemaFormatter;

/**
 * Writes the Avro schemas of a bridge's change topics as {@code .avsc} files, for people and for
 * code generators: {@code <topic>-key.avsc} and {@code <topic>-value.avsc} per topic, pretty-printed.
 *
 * <p>Stateless and thread-safe.
 */
public final class AvscExporter {

    private AvscExporter() {
    }

    /**
     * Writes the schemas of {@code routes} into {@code dir}, creating it if needed and replacing
     * existing files.
     *
     * @return the files written, key before value, in route order
     * @throws IOException when a file cannot be written; the message names it
     */
    public static List<Path> write(Path dir, List<BindingRoute> routes, String bridge) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>(routes.size() * 2);
        for (BindingRoute route : routes) {
            TopicSchemas schemas = TopicSchemas.of(bridge, route);
            written.add(writeSchema(dir.resolve(route.topic() + "-key.avsc"), SchemaFormatter.format("json/pretty", schemas.key())));
            written.add(writeSchema(dir.resolve(route.topic() + "-value.avsc"), SchemaFormatter.format("json/pretty", schemas.value())));
        }
        return written;
    }

    private static Path writeSchema(Path file, String json) throws IOException {
        try {
            return Files.writeString(file, json + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
