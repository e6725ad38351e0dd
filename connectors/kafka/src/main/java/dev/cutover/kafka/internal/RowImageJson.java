package dev.cutover.kafka.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SpecialValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A {@link RowImage} as two JSON fields that a person can read and a program can decode without
 * loss: {@code <name>} holds the columns and their values, {@code <name>_types} the canonical type
 * of each column ({@code boolean}, {@code int16}, {@code int32}, {@code int64}, {@code float32},
 * {@code float64}, {@code decimal}, {@code string}, {@code bytes}, {@code uuid}, {@code date},
 * {@code time}, {@code timestamp}, {@code timestamptz}, {@code special} for a
 * {@link SpecialValue} written by its constant's name, or {@code null} for a null value).
 *
 * <p>Values: booleans and integers as JSON booleans and numbers; floating-point numbers as JSON
 * numbers, except NaN, the infinities and negative zero, which JSON numbers cannot carry, as strings;
 * decimals as strings in {@link BigDecimal#toString()} form, which keeps the scale (and which no JSON
 * reader turns into an inexact double); byte arrays in base64; the rest in ISO-8601 / canonical
 * {@code toString()} form. A null image is a JSON null without a type map.
 *
 * <p>Reading floating-point numbers exactly needs a reader that keeps JSON decimals as
 * {@link BigDecimal} ({@code USE_BIG_DECIMAL_FOR_FLOATS}), as {@link ConflictDocument}'s does.
 *
 * <p>Stateless and thread-safe.
 */
final class RowImageJson {

    private static final String TYPES_SUFFIX = "_types";

    /** The canonical value classes with their names and JSON forms. */
    private enum ValueType {
        BOOLEAN("boolean", Boolean.class, v -> node().booleanNode((Boolean) v), RowImageJson::readBoolean),
        INT16("int16", Short.class, v -> node().numberNode((Short) v), n -> (short) readIntegral(n, Short.MIN_VALUE, Short.MAX_VALUE)),
        INT32("int32", Integer.class, v -> node().numberNode((Integer) v),
                n -> (int) readIntegral(n, Integer.MIN_VALUE, Integer.MAX_VALUE)),
        INT64("int64", Long.class, v -> node().numberNode((Long) v), n -> readIntegral(n, Long.MIN_VALUE, Long.MAX_VALUE)),
        FLOAT32("float32", Float.class, v -> writeFloating((Float) v, node().numberNode((Float) v)),
                n -> Float.parseFloat(floatingText(n))),
        FLOAT64("float64", Double.class, v -> writeFloating((Double) v, node().numberNode((Double) v)),
                n -> Double.parseDouble(floatingText(n))),
        DECIMAL("decimal", BigDecimal.class, v -> text(v.toString()), n -> new BigDecimal(readText(n))),
        STRING("string", String.class, v -> text((String) v), RowImageJson::readText),
        BYTES("bytes", byte[].class, v -> text(Base64.getEncoder().encodeToString((byte[]) v)),
                n -> Base64.getDecoder().decode(readText(n))),
        UUID_VALUE("uuid", UUID.class, v -> text(v.toString()), n -> UUID.fromString(readText(n))),
        DATE("date", LocalDate.class, v -> text(v.toString()), n -> LocalDate.parse(readText(n))),
        TIME("time", LocalTime.class, v -> text(v.toString()), n -> LocalTime.parse(readText(n))),
        TIMESTAMP("timestamp", LocalDateTime.class, v -> text(v.toString()), n -> LocalDateTime.parse(readText(n))),
        TIMESTAMPTZ("timestamptz", Instant.class, v -> text(v.toString()), n -> Instant.parse(readText(n))),
        SPECIAL("special", SpecialValue.class, v -> text(((SpecialValue) v).name()), n -> SpecialValue.valueOf(readText(n)));

        private final String label;
        private final Class<?> javaClass;
        private final Function<Object, JsonNode> writer;
        private final Function<JsonNode, Object> reader;

        ValueType(String label, Class<?> javaClass, Function<Object, JsonNode> writer, Function<JsonNode, Object> reader) {
            this.label = label;
            this.javaClass = javaClass;
            this.writer = writer;
            this.reader = reader;
        }

        static ValueType of(Object value) {
            for (ValueType t : values()) {
                if (t.javaClass.isInstance(value)) {
                    return t;
                }
            }
            return null;
        }

        static ValueType ofLabel(String label) {
            for (ValueType t : values()) {
                if (t.label.equals(label)) {
                    return t;
                }
            }
            return null;
        }
    }

    private static final String NULL_TYPE = "null";

    private RowImageJson() {
    }

    /**
     * Writes {@code row} as fields {@code name} and {@code name_types} of {@code parent}.
     *
     * @throws IllegalArgumentException naming the column when a value is not of a canonical class
     */
    static void write(ObjectNode parent, String name, RowImage row) {
        if (row == null) {
            parent.putNull(name);
            return;
        }
        ObjectNode values = parent.putObject(name);
        ObjectNode types = parent.putObject(name + TYPES_SUFFIX);
        for (Map.Entry<String, Object> e : row.asMap().entrySet()) {
            Object value = e.getValue();
            if (value == null) {
                values.putNull(e.getKey());
                types.put(e.getKey(), NULL_TYPE);
                continue;
            }
            ValueType type = ValueType.of(value);
            if (type == null) {
                throw new IllegalArgumentException("column '" + e.getKey() + "' of " + name + " holds a " + value.getClass().getName()
                        + ", which is not a canonical row value");
            }
            values.set(e.getKey(), type.writer.apply(value));
            types.put(e.getKey(), type.label);
        }
    }

    /**
     * Reads the row written by {@link #write} as fields {@code name} and {@code name_types} of
     * {@code parent}; null when the field is null or absent.
     *
     * @param path where {@code parent} is in the document, for messages
     * @throws IllegalArgumentException naming the field and column when the JSON does not fit
     */
    static RowImage read(JsonNode parent, String name, String path) {
        JsonNode values = parent.get(name);
        if (values == null || values.isNull()) {
            return null;
        }
        String where = path.isEmpty() ? name : path + "." + name;
        JsonNode types = parent.get(name + TYPES_SUFFIX);
        if (!values.isObject() || types == null || !types.isObject()) {
            throw new IllegalArgumentException("field '" + where + "' must be an object with an object '" + where + TYPES_SUFFIX
                    + "' beside it");
        }
        if (types.size() != values.size()) {
            throw new IllegalArgumentException("field '" + where + TYPES_SUFFIX + "' has " + types.size() + " columns but '"
                    + where + "' has " + values.size());
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : values.properties()) {
            row.put(e.getKey(), value(e.getValue(), types.get(e.getKey()), where + "." + e.getKey()));
        }
        return RowImage.of(row);
    }

    private static Object value(JsonNode value, JsonNode typeNode, String where) {
        if (typeNode == null || !typeNode.isTextual()) {
            throw new IllegalArgumentException("column '" + where + "' has no type in the type map");
        }
        String label = typeNode.asText();
        if (label.equals(NULL_TYPE)) {
            if (!value.isNull()) {
                throw new IllegalArgumentException("column '" + where + "' is typed null but holds a " + value.getNodeType());
            }
            return null;
        }
        ValueType type = ValueType.ofLabel(label);
        if (type == null) {
            throw new IllegalArgumentException("column '" + where + "' has unknown type '" + label + "'");
        }
        try {
            return type.reader.apply(value);
        } catch (RuntimeException e) {
            // the message says what kind of JSON value it was, never the value: rows may be confidential
            throw new IllegalArgumentException("column '" + where + "' does not hold a " + label + " value (JSON "
                    + value.getNodeType() + "): " + e.getClass().getSimpleName(), e);
        }
    }

    private static JsonNodeFactory node() {
        return JsonNodeFactory.instance;
    }

    private static JsonNode text(String s) {
        return node().textNode(s);
    }

    /** A number where JSON can carry it; NaN, the infinities and -0.0 (lost by decimal readers) as strings. */
    private static JsonNode writeFloating(Number value, JsonNode asNumber) {
        double d = value.doubleValue();
        boolean negativeZero = d == 0 && Double.doubleToRawLongBits(d) != 0;
        return Double.isFinite(d) && !negativeZero ? asNumber : text(value.toString());
    }

    /** The decimal text of a floating-point value, parsed by the caller with its own (correct) rounding. */
    private static String floatingText(JsonNode n) {
        if (n.isTextual()) {
            return n.asText();
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException("not a number");
        }
        return n.decimalValue().toString();
    }

    private static boolean readBoolean(JsonNode n) {
        if (!n.isBoolean()) {
            throw new IllegalArgumentException("not a boolean");
        }
        return n.booleanValue();
    }

    private static long readIntegral(JsonNode n, long min, long max) {
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
            throw new IllegalArgumentException("not an integer in range");
        }
        return n.longValue();
    }

    private static String readText(JsonNode n) {
        if (!n.isTextual()) {
            throw new IllegalArgumentException("not a string");
        }
        return n.textValue();
    }
}
