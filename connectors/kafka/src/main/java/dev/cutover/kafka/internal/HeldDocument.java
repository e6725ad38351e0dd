package dev.cutover.kafka.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.core.event.ChangeEvent;
import java.io.IOException;
import java.util.Objects;

/**
 * The JSON documents of the held-changes topic ({@code <bridge>._held}): a change held as captured
 * (written like a conflict log's change, with the exact row codec of {@link RowImageJson}), or the
 * note that a binding's held changes up to an offset were published.
 *
 * <pre>{"type":"held","binding":"orders","change":{…}}
 * {"type":"released","binding":"orders","through":41}</pre>
 *
 * Stateless and thread-safe.
 */
public final class HeldDocument {

    /** Type of a held change. */
    public static final String HELD = "held";
    /** Type of a release note. */
    public static final String RELEASED = "released";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /**
     * One document.
     *
     * @param binding the binding
     * @param change the held change; null for a release note
     * @param through for a release note, the last offset of the topic it releases; -1 otherwise
     */
    public record Entry(String binding, ChangeEvent change, long through) {
    }

    private HeldDocument() {
    }

    /** The document of a change held for {@code binding}. */
    public static byte[] held(String binding, ChangeEvent change) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("type", HELD);
        doc.put("binding", Objects.requireNonNull(binding, "binding"));
        ConflictDocument.writeChange(doc.putObject("change"), change);
        return bytes(doc);
    }

    /** The note that {@code binding}'s held changes up to offset {@code through} were published. */
    public static byte[] released(String binding, long through) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("type", RELEASED);
        doc.put("binding", Objects.requireNonNull(binding, "binding"));
        doc.put("through", through);
        return bytes(doc);
    }

    /**
     * The entry {@code document} holds.
     *
     * @throws IllegalArgumentException when it is not a held-changes document, naming the field at fault (never row values)
     */
    public static Entry decode(byte[] document) {
        try {
            JsonNode doc = document == null ? null : JSON.readTree(document);
            if (doc == null || !doc.isObject() || !doc.path("binding").isTextual()) {
                throw new IllegalArgumentException("not a held-changes document: a JSON object with a text field 'binding' expected");
            }
            String binding = doc.get("binding").textValue();
            return switch (doc.path("type").asText()) {
                case HELD -> new Entry(binding, ConflictDocument.readChange(doc.path("change"), "change"), -1);
                case RELEASED -> {
                    if (!doc.path("through").canConvertToLong()) {
                        throw new IllegalArgumentException("field 'through' must be an offset");
                    }
                    yield new Entry(binding, null, doc.get("through").longValue());
                }
                default -> throw new IllegalArgumentException("field 'type' must be '" + HELD + "' or '" + RELEASED + "'");
            };
        } catch (IOException e) {
            throw new IllegalArgumentException("not a held-changes document: invalid JSON", e);
        }
    }

    private static byte[] bytes(ObjectNode doc) {
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a held-changes document", e);
        }
    }
}
