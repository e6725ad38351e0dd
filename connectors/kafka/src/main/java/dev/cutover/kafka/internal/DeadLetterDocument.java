package dev.cutover.kafka.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The JSON document a dead letter is stored as. For a change: bridge, binding, stage, reason,
 * parked_at, table, operation, origin, key, position, commit_time, transaction_id, before, after.
 * For a raw record: bridge, binding, stage, reason, parked_at, topic, partition, offset and the
 * record's key and value in base64.
 *
 * <p>A change too large to park whole is parked as a summary: the same fields without before and
 * after, with {@code images_left_out: true} and {@code column_sizes} (bytes of each value of each
 * image, see {@link ColumnSizes}); if even that is too large, without the key's values too
 * ({@code key: null}, its sizes under {@code column_sizes.key}). A raw record too large to park
 * whole keeps its position and sizes ({@code key_bytes}, {@code value_bytes}) instead of its bytes.
 *
 * <p>Row values become JSON as: null, booleans, integers and floating-point numbers as such (NaN
 * and infinities as strings), decimals as strings (many JSON readers would turn a long decimal
 * number into an inexact double), byte arrays in base64, everything else (UUIDs, dates, times,
 * timestamps) in its ISO-8601 {@code toString()} form.
 *
 * <p>Stateless and thread-safe.
 */
public final class DeadLetterDocument {

    private static final JsonFactory JSON = new JsonFactory();

    private DeadLetterDocument() {
    }

    /** How much of a change a dead letter holds. */
    public enum Detail {
        /** Everything, images included. */
        FULL,
        /** The key's values but not the images: their sizes instead. */
        WITHOUT_IMAGES,
        /** Neither the key's values nor the images: their sizes instead. */
        SIZES_ONLY
    }

    /** The document of a change that could not be mapped, published or applied, whole. */
    public static byte[] ofChange(String bridge, String binding, String stage, ChangeEvent change, String reason, Instant parkedAt) {
        return ofChange(bridge, binding, stage, change, reason, parkedAt, Detail.FULL);
    }

    /** The document of a change, holding as much of it as {@code detail} says. */
    public static byte[] ofChange(String bridge, String binding, String stage, ChangeEvent change, String reason, Instant parkedAt,
            Detail detail) {
        return write(json -> {
            header(json, bridge, binding, stage, reason, parkedAt);
            json.writeStringField("table", change.table().toString());
            json.writeStringField("operation", change.operation().name());
            json.writeStringField("origin", change.origin().label());
            json.writeFieldName("key");
            row(json, detail == Detail.SIZES_ONLY ? null : change.key());
            json.writeObjectFieldStart("position");
            json.writeStringField("kind", change.position().kind());
            json.writeStringField("value", change.position().value());
            json.writeEndObject();
            json.writeStringField("commit_time", change.commitTime().toString());
            json.writeStringField("transaction_id", change.transactionId());
            if (detail == Detail.FULL) {
                json.writeFieldName("before");
                row(json, change.before());
                json.writeFieldName("after");
                row(json, change.after());
                return;
            }
            json.writeBooleanField("images_left_out", true);
            json.writeObjectFieldStart("column_sizes");
            if (detail == Detail.SIZES_ONLY) {
                sizes(json, "key", change.key());
            }
            sizes(json, "before", change.before());
            sizes(json, "after", change.after());
            json.writeEndObject();
        });
    }

    /** The document of a record that could not be decoded, with its key and value when {@code withBytes}, else their sizes. */
    public static byte[] ofRecord(String bridge, String binding, String stage, ConsumerRecord<byte[], byte[]> record,
            String reason, Instant parkedAt, boolean withBytes) {
        return write(json -> {
            header(json, bridge, binding, stage, reason, parkedAt);
            json.writeStringField("topic", record.topic());
            json.writeNumberField("partition", record.partition());
            json.writeNumberField("offset", record.offset());
            if (withBytes) {
                json.writeStringField("key_base64", record.key() == null ? null : Base64.getEncoder().encodeToString(record.key()));
                json.writeStringField("value_base64", record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()));
            } else {
                json.writeNumberField("key_bytes", record.key() == null ? 0 : record.key().length);
                json.writeNumberField("value_bytes", record.value() == null ? 0 : record.value().length);
            }
        });
    }

    /** The document of a record that could not be decoded, whole. */
    public static byte[] ofRecord(String bridge, String binding, String stage, ConsumerRecord<byte[], byte[]> record,
            String reason, Instant parkedAt) {
        return ofRecord(bridge, binding, stage, record, reason, parkedAt, true);
    }

    private static void sizes(JsonGenerator json, String image, RowImage row) throws IOException {
        if (row == null) {
            return;
        }
        json.writeObjectFieldStart(image);
        for (Map.Entry<String, Long> e : ColumnSizes.of(row).entrySet()) {
            json.writeNumberField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
    }

    private static void header(JsonGenerator json, String bridge, String binding, String stage, String reason, Instant parkedAt)
            throws IOException {
        json.writeStringField("bridge", bridge);
        json.writeStringField("binding", binding);
        json.writeStringField("stage", stage);
        json.writeStringField("reason", reason);
        json.writeStringField("parked_at", parkedAt.toString());
    }

    private static void row(JsonGenerator json, RowImage row) throws IOException {
        if (row == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        for (Map.Entry<String, Object> e : row.asMap().entrySet()) {
            json.writeFieldName(e.getKey());
            value(json, e.getValue());
        }
        json.writeEndObject();
    }

    private static void value(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Short || value instanceof Integer || value instanceof Long) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Float || value instanceof Double) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                json.writeNumber(value.toString());
            } else {
                json.writeString(value.toString());
            }
        } else if (value instanceof byte[] bytes) {
            json.writeString(Base64.getEncoder().encodeToString(bytes));
        } else {
            json.writeString(value.toString());
        }
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a dead-letter document", e);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }
}
