package dev.cutover.kafka.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.core.deadletter.BlockKey;
import dev.cutover.core.deadletter.DeadLetterEntry;
import dev.cutover.core.deadletter.DeadLetterEntry.Closed;
import dev.cutover.core.deadletter.DeadLetterEntry.DeadLetter;
import dev.cutover.core.deadletter.DeadLetterEntry.HeldBehind;
import dev.cutover.core.deadletter.DeadLetterEntry.Outcome;
import dev.cutover.core.deadletter.DeadLetterEntry.Released;
import dev.cutover.core.event.TableId;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The JSON documents of the dead-letter log ({@code <bridge>._deadletter}), one per
 * {@link DeadLetterEntry}, told apart by {@code type}: {@code dead_letter}, {@code held},
 * {@code closed}, {@code released}. Changes are written with {@link ConflictDocument}'s exact
 * encoding (every value with its type), so a stored change decodes back into the equal
 * {@link dev.cutover.core.event.ChangeEvent}.
 *
 * <p>A dead letter also carries the fields of {@link DeadLetterDocument} readers already know
 * (bridge, binding, stage, reason, parked_at). One too large to store whole is stored as
 * {@link DeadLetterDocument}'s summary plus the log fields, without {@code change}: it can be
 * listed and discarded but not replayed. A document without {@code type} (written before the log
 * existed, or a raw record that could not be decoded) reads as such a dead letter that blocks nothing.
 *
 * <p>Stateless and thread-safe.
 */
public final class DeadLetterLogDocument {

    /** {@code type} of a dead letter. */
    public static final String DEAD_LETTER = "dead_letter";
    /** {@code type} of a change held behind one. */
    public static final String HELD = "held";
    /** {@code type} of a dead letter closed by a person. */
    public static final String CLOSED = "closed";
    /** {@code type} of a held change applied. */
    public static final String RELEASED = "released";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private DeadLetterLogDocument() {
    }

    /**
     * The whole document of {@code entry}.
     *
     * @throws IllegalArgumentException when a row holds a value that is not of a canonical class
     */
    public static byte[] encode(String bridge, DeadLetterEntry entry) {
        Objects.requireNonNull(entry, "entry");
        ObjectNode doc = JSON.createObjectNode();
        if (entry instanceof DeadLetter d) {
            doc.put("type", DEAD_LETTER);
            doc.put("bridge", bridge);
            doc.put("binding", d.binding());
            doc.put("stage", d.stage());
            doc.put("reason", d.reason());
            doc.put("parked_at", d.parkedAt().toString());
            if (d.change() != null) {
                doc.put("table", d.change().table().toString());
                ConflictDocument.writeChange(doc.putObject("change"), d.change());
            }
            logFields(doc, d);
        } else if (entry instanceof HeldBehind h) {
            doc.put("type", HELD);
            doc.put("dead_letter_id", h.deadLetterId());
            doc.put("sequence", h.sequence());
            doc.put("stage", h.stage());
            doc.put("held_at", h.heldAt().toString());
            ConflictDocument.writeChange(doc.putObject("change"), h.change());
        } else if (entry instanceof Closed c) {
            doc.put("type", CLOSED);
            doc.put("dead_letter_id", c.deadLetterId());
            doc.put("outcome", c.outcome().label());
            doc.put("closed_at", c.closedAt().toString());
        } else if (entry instanceof Released r) {
            doc.put("type", RELEASED);
            doc.put("dead_letter_id", r.deadLetterId());
            doc.put("sequence", r.sequence());
            doc.put("released_at", r.releasedAt().toString());
        }
        return bytes(doc);
    }

    /** The {@code type} of {@code entry}'s document. */
    public static String typeOf(DeadLetterEntry entry) {
        if (entry instanceof DeadLetter) {
            return DEAD_LETTER;
        }
        return entry instanceof HeldBehind ? HELD : entry instanceof Closed ? CLOSED : RELEASED;
    }

    /**
     * The document of dead letter {@code d} built on {@code summary}, a {@link DeadLetterDocument}
     * without (all of) the change: the log fields are added, {@code change} stays out.
     */
    public static byte[] encodeSummary(DeadLetter d, byte[] summary) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("type", DEAD_LETTER);
        doc.setAll((ObjectNode) tree(summary));
        logFields(doc, d);
        return bytes(doc);
    }

    private static void logFields(ObjectNode doc, DeadLetter d) {
        doc.put("id", d.id());
        if (d.blocks() != null) {
            ObjectNode blocks = doc.putObject("blocks");
            blocks.put("schema", d.blocks().table().schema());
            blocks.put("table", d.blocks().table().table());
            RowImageJson.write(blocks, "key", d.blocks().key());
        }
        if (d.follows() != null) {
            doc.put("follows", d.follows());
            doc.put("sequence", d.sequence());
        }
    }

    /**
     * The entry {@code document} holds.
     *
     * @param fallbackId the id of a document without {@code type} (e.g. its partition and offset)
     * @throws IllegalArgumentException when it is not a dead-letter document; the message names the
     *     field that does not fit (never row values)
     */
    public static DeadLetterEntry decode(byte[] document, String fallbackId) {
        JsonNode doc = tree(document);
        try {
            String type = ConflictDocument.optionalText(doc, "type", "");
            if (type == null) {
                return new DeadLetter(fallbackId, ConflictDocument.text(doc, "binding", ""), ConflictDocument.text(doc, "stage", ""),
                        null, ConflictDocument.text(doc, "reason", ""), ConflictDocument.instant(doc, "parked_at", ""), null, null, 0);
            }
            String id = ConflictDocument.optionalText(doc, "dead_letter_id", "");
            return switch (type) {
                case DEAD_LETTER -> readDeadLetter(doc);
                case HELD -> new HeldBehind(id, integer(doc, "sequence"), ConflictDocument.text(doc, "stage", ""),
                        ConflictDocument.readChange(ConflictDocument.object(doc, "change", ""), "change"),
                        ConflictDocument.instant(doc, "held_at", ""));
                case CLOSED -> new Closed(id, outcome(ConflictDocument.text(doc, "outcome", "")),
                        ConflictDocument.instant(doc, "closed_at", ""));
                case RELEASED -> new Released(id, integer(doc, "sequence"), ConflictDocument.instant(doc, "released_at", ""));
                default -> throw new IllegalArgumentException("field 'type' is '" + type + "', not one of "
                        + List.of(DEAD_LETTER, HELD, CLOSED, RELEASED));
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a dead-letter log document: " + e.getMessage(), e);
        }
    }

    private static DeadLetter readDeadLetter(JsonNode doc) {
        JsonNode change = doc.get("change");
        JsonNode blocks = doc.get("blocks");
        BlockKey key = null;
        String binding = ConflictDocument.text(doc, "binding", "");
        if (blocks != null && blocks.isObject()) {
            key = new BlockKey(binding, new TableId(ConflictDocument.text(blocks, "schema", "blocks"),
                    ConflictDocument.text(blocks, "table", "blocks")), RowImageJson.read(blocks, "key", "blocks"));
        }
        String follows = ConflictDocument.optionalText(doc, "follows", "");
        return new DeadLetter(ConflictDocument.text(doc, "id", ""), binding, ConflictDocument.text(doc, "stage", ""),
                change == null || change.isNull() ? null : ConflictDocument.readChange(change, "change"),
                ConflictDocument.text(doc, "reason", ""), ConflictDocument.instant(doc, "parked_at", ""), key, follows,
                follows == null ? 0 : integer(doc, "sequence"));
    }

    private static Outcome outcome(String label) {
        for (Outcome o : Outcome.values()) {
            if (o.label().equals(label)) {
                return o;
            }
        }
        throw new IllegalArgumentException("field 'outcome' has unknown value '" + label + "'");
    }

    private static int integer(JsonNode doc, String field) {
        JsonNode n = doc.get(field);
        if (n == null || !n.isInt()) {
            throw new IllegalArgumentException("field '" + field + "' must be an integer");
        }
        return n.intValue();
    }

    private static JsonNode tree(byte[] document) {
        if (document == null) {
            throw new IllegalArgumentException("not a dead-letter log document: no value");
        }
        try {
            JsonNode doc = JSON.readTree(document);
            if (doc == null || !doc.isObject()) {
                throw new IllegalArgumentException("not a dead-letter log document: not a JSON object");
            }
            return doc;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a dead-letter log document: invalid JSON", e);
        }
    }

    private static byte[] bytes(ObjectNode doc) {
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a dead-letter log document", e);
        }
    }
}
