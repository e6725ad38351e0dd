package dev.cutover.kafka.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.core.conflict.Conflict;
import dev.cutover.core.conflict.ConflictKind;
import dev.cutover.core.conflict.ConflictLogEntry;
import dev.cutover.core.conflict.ConflictPolicy;
import dev.cutover.core.conflict.ConflictRecord;
import dev.cutover.core.conflict.ConflictResolved;
import dev.cutover.core.conflict.HeldChange;
import dev.cutover.core.conflict.Resolution;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The JSON document a {@link ConflictLogEntry} is stored as on the conflict log topic. Every
 * document has a {@code type}:
 * <ul>
 *   <li>{@code conflict} ({@link ConflictRecord}): id, binding, target, kind, policy, detected_at,
 *       resolution, change, current and current_types;
 *   <li>{@code held} ({@link HeldChange}): conflict_id, sequence, change;
 *   <li>{@code resolved} ({@link ConflictResolved}): conflict_id, resolved_at, resolution.
 * </ul>
 * A change is an object with origin, schema, table, operation, key_columns, commit_time, position
 * (kind, value), transaction_id, before, before_types, after and after_types; a resolution one with
 * decision, reason, row and row_types. Rows and their type maps are described in
 * {@link RowImageJson}. Enumerations are written by their labels ({@code update_changed},
 * {@code parked}, {@code manual}, {@code legacy}), operations by name, times in ISO-8601.
 *
 * <p>{@link #decode} restores exactly what {@link #encode} was given, value classes and decimal
 * scales included.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConflictDocument {

    /** Type of a {@link ConflictRecord} document. */
    public static final String CONFLICT = "conflict";
    /** Type of a {@link HeldChange} document. */
    public static final String HELD = "held";
    /** Type of a {@link ConflictResolved} document. */
    public static final String RESOLVED = "resolved";

    // decimals stay BigDecimal, so that floating-point values are rounded once, by Float/Double.parse
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private ConflictDocument() {
    }

    /**
     * The document of {@code entry}, as UTF-8 JSON.
     *
     * @throws IllegalArgumentException when a row holds a value that is not of a canonical class
     */
    public static byte[] encode(ConflictLogEntry entry) {
        Objects.requireNonNull(entry, "entry");
        ObjectNode doc = JSON.createObjectNode();
        if (entry instanceof ConflictRecord r) {
            doc.put("type", CONFLICT);
            doc.put("id", r.id());
            doc.put("binding", r.conflict().binding());
            doc.put("target", r.conflict().target().label());
            doc.put("kind", r.conflict().kind().label());
            doc.put("policy", r.policy().label());
            doc.put("detected_at", r.detectedAt().toString());
            writeResolution(doc.putObject("resolution"), r.resolution());
            writeChange(doc.putObject("change"), r.conflict().change());
            RowImageJson.write(doc, "current", r.conflict().current());
        } else if (entry instanceof HeldChange h) {
            doc.put("type", HELD);
            doc.put("conflict_id", h.conflictId());
            doc.put("sequence", h.sequence());
            writeChange(doc.putObject("change"), h.change());
        } else if (entry instanceof ConflictResolved c) {
            doc.put("type", RESOLVED);
            doc.put("conflict_id", c.conflictId());
            doc.put("resolved_at", c.resolvedAt().toString());
            writeResolution(doc.putObject("resolution"), c.resolution());
        } else {
            throw new IllegalArgumentException("unknown conflict log entry " + entry.getClass().getName());
        }
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the conflict log document of conflict " + entry.conflictId(), e);
        }
    }

    /**
     * The entry {@code document} holds.
     *
     * @throws IllegalArgumentException when it is not a conflict log document; the message names the
     *     field that does not fit (never row values)
     */
    public static ConflictLogEntry decode(byte[] document) {
        if (document == null) {
            throw new IllegalArgumentException("not a conflict log document: no value");
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a conflict log document: invalid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a conflict log document: " + e.getMessage(), e);
        }
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("not a conflict log document: not a JSON object");
        }
        try {
            String type = text(doc, "type", "");
            return switch (type) {
                case CONFLICT -> readConflict(doc);
                case HELD -> new HeldChange(text(doc, "conflict_id", ""), sequence(doc), readChange(object(doc, "change", ""), "change"));
                case RESOLVED -> new ConflictResolved(text(doc, "conflict_id", ""), readResolution(object(doc, "resolution", ""), "resolution"),
                        instant(doc, "resolved_at", ""));
                default -> throw new IllegalArgumentException("field 'type' is '" + type + "', not one of " + List.of(CONFLICT, HELD, RESOLVED));
            };
        } catch (RuntimeException e) {
            // constructors and parsers throw several kinds; callers need one
            throw new IllegalArgumentException("not a conflict log document: " + e.getMessage(), e);
        }
    }

    private static ConflictRecord readConflict(JsonNode doc) {
        Conflict conflict = new Conflict(text(doc, "binding", ""), label(doc, "target", "", ConflictDocument::side),
                label(doc, "kind", "", ConflictKind::fromLabel), readChange(object(doc, "change", ""), "change"),
                RowImageJson.read(doc, "current", ""));
        return new ConflictRecord(text(doc, "id", ""), conflict, label(doc, "policy", "", ConflictPolicy::fromLabel),
                readResolution(object(doc, "resolution", ""), "resolution"), instant(doc, "detected_at", ""));
    }

    private static void writeResolution(ObjectNode node, Resolution resolution) {
        node.put("decision", resolution.decision().label());
        node.put("reason", resolution.reason());
        RowImageJson.write(node, "row", resolution.row());
    }

    private static Resolution readResolution(JsonNode node, String path) {
        return new Resolution(label(node, "decision", path, Resolution.Decision::fromLabel), RowImageJson.read(node, "row", path),
                text(node, "reason", path));
    }

    /** Writes {@code change} into {@code node}: origin, table, operation, key columns, commit time, position, transaction id and both images. */
    static void writeChange(ObjectNode node, ChangeEvent change) {
        node.put("origin", change.origin().label());
        node.put("schema", change.table().schema());
        node.put("table", change.table().table());
        node.put("operation", change.operation().name());
        ArrayNode keys = node.putArray("key_columns");
        change.keyColumns().forEach(keys::add);
        node.put("commit_time", change.commitTime().toString());
        ObjectNode position = node.putObject("position");
        position.put("kind", change.position().kind());
        position.put("value", change.position().value());
        node.put("transaction_id", change.transactionId());
        RowImageJson.write(node, "before", change.before());
        RowImageJson.write(node, "after", change.after());
    }

    /** The change {@link #writeChange} wrote into {@code node}; {@code path} locates it in messages. */
    static ChangeEvent readChange(JsonNode node, String path) {
        JsonNode position = object(node, "position", path);
        return new ChangeEvent(label(node, "origin", path, ConflictDocument::side),
                new TableId(text(node, "schema", path), text(node, "table", path)),
                label(node, "operation", path, ConflictDocument::operation), keyColumns(node, path),
                RowImageJson.read(node, "before", path), RowImageJson.read(node, "after", path),
                instant(node, "commit_time", path),
                new SourcePosition(text(position, "kind", path + ".position"), text(position, "value", path + ".position")),
                optionalText(node, "transaction_id", path));
    }

    private static List<String> keyColumns(JsonNode node, String path) {
        JsonNode array = node.get("key_columns");
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("field '" + path + ".key_columns' must be an array of column names");
        }
        List<String> columns = new ArrayList<>();
        for (JsonNode column : array) {
            if (!column.isTextual()) {
                throw new IllegalArgumentException("field '" + path + ".key_columns' must hold column names only");
            }
            columns.add(column.textValue());
        }
        return columns;
    }

    private static int sequence(JsonNode doc) {
        JsonNode n = doc.get("sequence");
        if (n == null || !n.isInt()) {
            throw new IllegalArgumentException("field 'sequence' must be an integer");
        }
        return n.intValue();
    }

    static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("field '" + join(path, field) + "' must be an object");
        }
        return n;
    }

    static String text(JsonNode parent, String field, String path) {
        String s = optionalText(parent, field, path);
        if (s == null) {
            throw new IllegalArgumentException("field '" + join(path, field) + "' is missing");
        }
        return s;
    }

    static String optionalText(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException("field '" + join(path, field) + "' must be a string");
        }
        return n.textValue();
    }

    static Instant instant(JsonNode parent, String field, String path) {
        return Instant.parse(text(parent, field, path));
    }

    /** A label resolved by {@code resolve}, which returns null for an unknown one. */
    private static <T> T label(JsonNode parent, String field, String path, Function<String, T> resolve) {
        String label = text(parent, field, path);
        T value = resolve.apply(label);
        if (value == null) {
            throw new IllegalArgumentException("field '" + join(path, field) + "' has unknown value '" + label + "'");
        }
        return value;
    }

    private static SystemSide side(String label) {
        for (SystemSide side : SystemSide.values()) {
            if (side.label().equals(label)) {
                return side;
            }
        }
        return null;
    }

    private static Operation operation(String name) {
        for (Operation op : Operation.values()) {
            if (op.name().equals(name)) {
                return op;
            }
        }
        return null;
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
