package dev.cutover.runtime.batch;

import dev.cutover.core.schema.ColumnType;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one binding's {@link Watermark} in {@code <data-dir>/batch/<binding>.watermark}, written
 * to a temporary file, forced to disk and moved over the old one, so a crash leaves either the old
 * or the new watermark, never half of one. Not thread-safe: one binding's copies run one at a time.
 */
final class WatermarkStore {

    private static final Logger LOG = LoggerFactory.getLogger(WatermarkStore.class);

    private final Path file;

    WatermarkStore(Path dataDir, String binding) {
        this.file = dataDir.resolve("batch").resolve(binding + ".watermark");
    }

    /**
     * The stored watermark of {@code column}, or null when there is none, or when it was kept for
     * another column or type (the configuration changed), in which case the next copy starts over.
     */
    Watermark load(String column, ColumnType type) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        if (!column.equals(p.getProperty("column")) || !type.name().equals(p.getProperty("type"))) {
            LOG.warn("Watermark file {} is for column {} ({}), not {} ({}): copying every row again", file,
                    p.getProperty("column"), p.getProperty("type"), column, type);
            return null;
        }
        try {
            String boundary = p.getProperty("boundary", "");
            return new Watermark(column, type, Watermark.parse(type, p.getProperty("value", "")),
                    boundary.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(boundary.split(","))));
        } catch (RuntimeException e) {
            throw new IOException("watermark file " + file + " is damaged (" + e.getMessage() + "); delete it to copy"
                    + " every row again", e);
        }
    }

    /** Replaces the stored watermark atomically. */
    void save(Watermark watermark) throws IOException {
        Files.createDirectories(file.getParent());
        Properties p = new Properties();
        p.setProperty("column", watermark.column());
        p.setProperty("type", watermark.type().name());
        p.setProperty("value", watermark.valueText());
        p.setProperty("boundary", watermark.boundary().stream().sorted().collect(Collectors.joining(",")));
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, "Cutover batch watermark: where the last incremental copy stopped");
        }
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new UncheckedIOException("cannot replace " + file + " atomically", e);
        }
    }
}
