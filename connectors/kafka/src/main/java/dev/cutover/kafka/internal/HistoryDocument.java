package dev.cutover.kafka.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.core.lifecycle.HistoryEntry;
import dev.cutover.core.lifecycle.HistoryOutcome;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON document a {@link HistoryEntry} is stored as on the history topic: {@code time}
 * (ISO-8601), {@code binding} (null for the bridge as a whole), {@code event}, {@code outcome} (its
 * label), {@code message} and {@code details} (an object of strings, in the entry's order).
 * {@link #decode} restores exactly what {@link #encode} was given.
 *
 * <p>Stateless and thread-safe.
 */
public final class HistoryDocument {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private HistoryDocument() {
    }

    /** The document of {@code entry}, as UTF-8 JSON. */
    public static byte[] encode(HistoryEntry entry) {
        Objects.requireNonNull(entry, "entry");
        ObjectNode doc = JSON.createObjectNode();
        doc.put("time", entry.time().toString());
        doc.put("binding", entry.binding());
        doc.put("event", entry.event());
        doc.put("outcome", entry.outcome().label());
        doc.put("message", entry.message());
        ObjectNode details = doc.putObject("details");
        entry.details().forEach(details::put);
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the history document of event " + entry.event(), e);
        }
    }

    /**
     * The entry {@code document} holds.
     *
     * @throws IllegalArgumentException when it is not a history document; the message names the field that does not fit
     */
    public static HistoryEntry decode(byte[] document) {
        if (document == null) {
            throw new IllegalArgumentException("not a history document: no value");
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(document);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a history document: invalid JSON (" + e.getMessage() + ")", e);
        }
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("not a history document: not a JSON object");
        }
        try {
            JsonNode binding = doc.get("binding");
            return new HistoryEntry(Instant.parse(text(doc, "time")), binding == null || binding.isNull() ? null : binding.asText(),
                    text(doc, "event"), outcome(text(doc, "outcome")), text(doc, "message"), details(doc));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a history document: field 'time' is not an ISO-8601 instant", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a history document: " + e.getMessage(), e);
        }
    }

    private static HistoryOutcome outcome(String label) {
        HistoryOutcome outcome = HistoryOutcome.fromLabel(label);
        if (outcome == null) {
            throw new IllegalArgumentException("field 'outcome' is '" + label + "', not one of "
                    + Arrays.stream(HistoryOutcome.values()).map(HistoryOutcome::label).toList());
        }
        return outcome;
    }

    private static Map<String, String> details(JsonNode doc) {
        JsonNode node = doc.get("details");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("field 'details' is not a JSON object");
        }
        Map<String, String> details = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException("detail '" + field.getKey() + "' is not a string");
            }
            details.put(field.getKey(), field.getValue().asText());
        }
        return details;
    }

    private static String text(JsonNode doc, String field) {
        JsonNode node = doc.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a string");
        }
        return node.asText();
    }
}
