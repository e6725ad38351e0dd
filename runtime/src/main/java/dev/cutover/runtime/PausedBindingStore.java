package dev.cutover.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers, in {@code <data-dir>/drift/<binding>.json}, the schemas a binding paused for schema
 * drift was running with, so a restart whose configuration does not compile against the drifted
 * tables starts that binding paused again (with the mapping it had) instead of refusing to start
 * the whole bridge. The file goes once the binding compiles against the live tables again.
 *
 * <p>Thread-safe: each call reads or replaces one file (written to a temporary file and moved).
 */
final class PausedBindingStore {

    private static final Logger LOG = LoggerFactory.getLogger(PausedBindingStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a paused binding's changes wait. */
    enum Waits { CAPTURE, APPLIER }

    /**
     * A paused binding as it was running.
     *
     * @param waits whether its capture holds its changes or its applier leaves them on the change topic
     * @param legacy the legacy table as the mapping was compiled against it, with the binding's key
     * @param neu the new table likewise
     */
    record Paused(Waits waits, TableSchema legacy, TableSchema neu) {
    }

    private final Path dir;

    PausedBindingStore(Path dataDir) {
        this.dir = dataDir.resolve("drift");
    }

    /** Stores that {@code binding} paused while running with these schemas. */
    void save(String binding, Paused paused) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("binding", binding);
        doc.put("waits", paused.waits().name());
        write(doc.putObject("legacy"), paused.legacy());
        write(doc.putObject("new"), paused.neu());
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(binding + ".json.tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), doc);
            Files.move(tmp, file(binding), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The pause itself holds; only a restart with an unfixed configuration loses the way to start paused.
            LOG.warn("Cannot remember in {} that binding '{}' is paused for drift: {}", dir, binding, e.toString());
        }
    }

    /** The schemas {@code binding} was paused with; empty when it is not paused. */
    Optional<Paused> load(String binding) {
        Path file = file(binding);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode doc = JSON.readTree(file.toFile());
            return Optional.of(new Paused(Waits.valueOf(doc.get("waits").asText()), read(doc.get("legacy")), read(doc.get("new"))));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring {}: not the record of a binding paused for drift ({})", file, e.toString());
            return Optional.empty();
        }
    }

    /** Forgets that {@code binding} was paused: it compiles against the live tables again. */
    void remove(String binding) {
        try {
            Files.deleteIfExists(file(binding));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file(binding), e);
        }
    }

    private Path file(String binding) {
        return dir.resolve(binding + ".json");
    }

    private static void write(ObjectNode node, TableSchema schema) {
        node.put("schema", schema.table().schema());
        node.put("table", schema.table().table());
        ArrayNode columns = node.putArray("columns");
        for (ColumnDef c : schema.columns()) {
            columns.addObject().put("name", c.name()).put("type", c.type().name()).put("native", c.nativeType())
                    .put("nullable", c.nullable()).put("precision", c.precision()).put("scale", c.scale());
        }
        ArrayNode key = node.putArray("key");
        schema.keyColumns().forEach(key::add);
    }

    private static TableSchema read(JsonNode node) {
        List<ColumnDef> columns = new ArrayList<>();
        for (JsonNode c : node.get("columns")) {
            columns.add(new ColumnDef(c.get("name").asText(), ColumnType.valueOf(c.get("type").asText()), c.get("native").asText(),
                    c.get("nullable").asBoolean(), c.get("precision").asInt(), c.get("scale").asInt()));
        }
        List<String> key = new ArrayList<>();
        node.get("key").forEach(k -> key.add(k.asText()));
        return new TableSchema(new TableId(node.get("schema").asText(), node.get("table").asText()), columns, key);
    }
}
