package dev.cutover.debezium.internal;

import dev.cutover.debezium.BinlogPosition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.SafeObjectInputStream;

/**
 * Reads the positions a capture stored in its offset file, the way Kafka Connect's
 * {@code FileOffsetBackingStore} writes it: a serialized map of JSON keys to JSON offsets. Read
 * without starting a store, so a stopped capture's position can be looked at. Stateless.
 */
final class StoredOffsets {

    private StoredOffsets() {
    }

    /**
     * The stored binlog position ({@code file} and {@code pos} of Debezium's MariaDB offset, the
     * event the capture resumes at), or empty when the file is missing, empty or holds none.
     *
     * @throws IOException when the file cannot be read or is not an offset file
     */
    static Optional<BinlogPosition> binlogPosition(Path offsetFile) throws IOException {
        for (Map<?, ?> offset : read(offsetFile)) {
            if (offset.get("file") instanceof String file && offset.get("pos") instanceof Number pos) {
                return Optional.of(new BinlogPosition(file, pos.longValue(), 0));
            }
        }
        return Optional.empty();
    }

    /** Every stored offset as a map; empty when the file is missing or empty (the store wrote no position yet). */
    static List<Map<?, ?>> read(Path offsetFile) throws IOException {
        Object stored;
        try (InputStream in = Files.newInputStream(offsetFile)) {
            if (Files.size(offsetFile) == 0) {
                return List.of();
            }
            // The restricted stream the store itself reads with: only maps and byte arrays get through.
            stored = new SafeObjectInputStream(in).readObject();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // Also what a read meets while the capture rewrites the file: the next read sees it whole.
            throw new IOException(offsetFile + " is not an offset file: " + e, e);
        }
        if (!(stored instanceof Map<?, ?> entries)) {
            throw new IOException(offsetFile + " is not an offset file: it holds a " + stored.getClass().getName());
        }
        List<Map<?, ?>> offsets = new ArrayList<>();
        try (JsonConverter json = new JsonConverter()) {
            json.configure(Map.of("schemas.enable", "false"), false);
            for (Object value : entries.values()) {
                if (value instanceof byte[] bytes && json.toConnectData("", bytes).value() instanceof Map<?, ?> offset) {
                    offsets.add(offset);
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(offsetFile + " holds an offset that is not JSON: " + e, e);
        }
        return offsets;
    }
}
