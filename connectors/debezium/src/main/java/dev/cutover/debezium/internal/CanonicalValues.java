package dev.cutover.debezium.internal;

import dev.cutover.core.event.SpecialValue;
import dev.cutover.core.schema.ColumnType;
import io.debezium.connector.postgresql.PostgresValueConverter;
import io.debezium.data.Enum;
import io.debezium.data.EnumSet;
import io.debezium.data.Json;
import io.debezium.data.SpecialValueDecimal;
import io.debezium.data.Uuid;
import io.debezium.data.VariableScaleDecimal;
import io.debezium.time.Date;
import io.debezium.time.MicroTime;
import io.debezium.time.MicroTimestamp;
import io.debezium.time.NanoTime;
import io.debezium.time.NanoTimestamp;
import io.debezium.time.Time;
import io.debezium.time.Timestamp;
import io.debezium.time.Year;
import io.debezium.time.ZonedTime;
import io.debezium.time.ZonedTimestamp;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.UUID;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Converts one Debezium column value into its canonical Java value (see
 * {@link dev.cutover.core.event.RowImage}), by the column's Connect schema: its logical name
 * first, then its type.
 *
 * <table>
 *   <caption>Conversions</caption>
 *   <tr><th>Debezium schema</th><th>canonical</th></tr>
 *   <tr><td>{@code io.debezium.time.Date} (days)</td><td>{@link LocalDate}</td></tr>
 *   <tr><td>{@code Time} (ms), {@code MicroTime}, {@code NanoTime}</td><td>{@link LocalTime}</td></tr>
 *   <tr><td>{@code Timestamp} (ms), {@code MicroTimestamp}, {@code NanoTimestamp}</td><td>{@link LocalDateTime}</td></tr>
 *   <tr><td>{@code ZonedTimestamp} (ISO text)</td><td>{@link Instant}</td></tr>
 *   <tr><td>{@value PostgresNumericConverter#SCHEMA_NAME} (exact text)</td><td>{@link BigDecimal}</td></tr>
 *   <tr><td>{@code ZonedTime} (ISO text, UTC)</td><td>{@link String}, unchanged: the canonical types have
 *       no time-with-offset, and a {@link LocalTime} would be read back in the session's zone</td></tr>
 *   <tr><td>Connect {@code Decimal}, {@code VariableScaleDecimal}</td><td>{@link BigDecimal}</td></tr>
 *   <tr><td>{@code Json}, {@code Enum}, {@code EnumSet} (MariaDB {@code SET}, comma-separated)</td><td>{@link String}</td></tr>
 *   <tr><td>{@code Year} (MariaDB {@code YEAR})</td><td>{@link Integer}</td></tr>
 *   <tr><td>{@code Uuid}</td><td>{@link UUID}</td></tr>
 *   <tr><td>BYTES</td><td>{@code byte[]} (a copy)</td></tr>
 *   <tr><td>INT8</td><td>{@link Short}</td></tr>
 *   <tr><td>INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING</td><td>as they are</td></tr>
 * </table>
 *
 * <p>PostgreSQL's {@code 'infinity'} and {@code '-infinity'} of {@code date}, {@code timestamp} and
 * {@code timestamptz}, and {@code 'NaN'}, {@code 'Infinity'} and {@code '-Infinity'} of
 * {@code numeric}, become {@link SpecialValue}s, recognised by the values Debezium decodes them to
 * (see {@link #date}, {@link #microTimestamp}) or by their text.
 *
 * <p>Any other logical name (intervals, bit strings, geometries, ...) and any ARRAY, MAP or STRUCT
 * is rejected: a value Cutover cannot represent exactly must stop the change rather than travel
 * as approximate text. A value equal to Debezium's placeholder for unchanged TOASTed columns is
 * reported as {@link #UNAVAILABLE}.
 *
 * <p>Stateless apart from the placeholder; thread-safe.
 */
public final class CanonicalValues {

    /** Marks a column whose value Debezium did not receive (an unchanged TOASTed value). */
    public static final Object UNAVAILABLE = new Object() {
        @Override
        public String toString() {
            return "<unavailable>";
        }
    };

    /** Debezium's default {@code unavailable.value.placeholder}. */
    public static final String DEFAULT_UNAVAILABLE_PLACEHOLDER = "__debezium_unavailable_value";

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final DateTimeFormatter ZONED_TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final long INFINITE_DATE_DAYS = PostgresValueConverter.POSITIVE_INFINITY_LOCAL_DATE.toEpochDay();
    private static final long NEGATIVE_INFINITE_DATE_DAYS = PostgresValueConverter.NEGATIVE_INFINITY_LOCAL_DATE.toEpochDay();
    private static final long INFINITE_TIMESTAMP_MICROS = micros(PostgresValueConverter.POSITIVE_INFINITY_LOCAL_DATE_TIME);
    private static final long NEGATIVE_INFINITE_TIMESTAMP_MICROS = micros(PostgresValueConverter.NEGATIVE_INFINITY_LOCAL_DATE_TIME);

    /** A value or type this class refuses; the message names the problem, never the value. */
    public static final class UnsupportedValueException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnsupportedValueException(String message) {
            super(message);
        }
    }

    private final String placeholder;
    private final byte[] placeholderBytes;

    public CanonicalValues(String unavailablePlaceholder) {
        this.placeholder = unavailablePlaceholder;
        this.placeholderBytes = unavailablePlaceholder.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Converts {@code value}, described by {@code schema}.
     *
     * @return the canonical value, null for null, or {@link #UNAVAILABLE}
     * @throws UnsupportedValueException when the schema is not supported or the value does not fit
     *     the canonical type
     * @throws RuntimeException from parsing a malformed value (the message may quote the value)
     */
    public Object convert(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        String name = schema.name();
        if (name != null) {
            return convertLogical(name, value);
        }
        return convertPlain(schema, value);
    }

    private Object convertLogical(String name, Object value) {
        return switch (name) {
            case Date.SCHEMA_NAME -> date((Integer) value);
            case Time.SCHEMA_NAME -> timeOfDay(Math.multiplyExact(((Number) value).longValue(), 1_000_000L));
            case MicroTime.SCHEMA_NAME -> timeOfDay(Math.multiplyExact((Long) value, 1_000L));
            case NanoTime.SCHEMA_NAME -> timeOfDay((Long) value);
            case Timestamp.SCHEMA_NAME -> localDateTime(Math.floorDiv((Long) value, 1_000L), Math.floorMod((Long) value, 1_000L) * 1_000_000L);
            case MicroTimestamp.SCHEMA_NAME -> microTimestamp((Long) value);
            case NanoTimestamp.SCHEMA_NAME -> localDateTime(Math.floorDiv((Long) value, NANOS_PER_SECOND),
                    Math.floorMod((Long) value, NANOS_PER_SECOND));
            case ZonedTimestamp.SCHEMA_NAME -> unavailableOr((String) value, CanonicalValues::zonedTimestamp);
            case ZonedTime.SCHEMA_NAME, Enum.LOGICAL_NAME, EnumSet.LOGICAL_NAME, Year.SCHEMA_NAME -> value;
            case Json.LOGICAL_NAME -> unavailableOr((String) value, v -> v);
            case Uuid.LOGICAL_NAME -> UUID.fromString((String) value);
            case Decimal.LOGICAL_NAME -> (BigDecimal) value;
            case VariableScaleDecimal.LOGICAL_NAME -> variableScaleDecimal((Struct) value);
            case PostgresNumericConverter.SCHEMA_NAME -> numeric((String) value);
            default -> throw new UnsupportedValueException("Debezium type " + name + " has no canonical form in Cutover");
        };
    }

    private Object convertPlain(Schema schema, Object value) {
        return switch (schema.type()) {
            case INT8 -> (short) (Byte) value;
            case INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN -> value;
            case STRING -> placeholder.equals(value) ? UNAVAILABLE : value;
            case BYTES -> bytes(value);
            default -> throw new UnsupportedValueException("Connect type " + schema.type() + " has no canonical form in Cutover");
        };
    }

    private Object bytes(Object value) {
        byte[] copy;
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer view = buffer.duplicate();
            copy = new byte[view.remaining()];
            view.get(copy);
        } else {
            copy = ((byte[]) value).clone();
        }
        return Arrays.equals(copy, placeholderBytes) ? UNAVAILABLE : copy;
    }

    private Object unavailableOr(String value, java.util.function.Function<String, Object> conversion) {
        return placeholder.equals(value) ? UNAVAILABLE : conversion.apply(value);
    }

    private static LocalTime timeOfDay(long nanoOfDay) {
        // PostgreSQL accepts 24:00:00 and MariaDB's TIME is a duration (-838:59:59 to 838:59:59), which LocalTime cannot hold;
        // refuse rather than wrap around midnight.
        if (nanoOfDay < 0 || nanoOfDay >= 86_400L * NANOS_PER_SECOND) {
            throw new UnsupportedValueException("time of day outside 00:00 to 23:59:59.999999 (PostgreSQL's 24:00:00 and MariaDB's"
                    + " negative or longer durations have no canonical form)");
        }
        return LocalTime.ofNanoOfDay(nanoOfDay);
    }

    /** ISO text with offset; {@code infinity} and {@code -infinity} as Debezium passes them through. */
    private static Object zonedTimestamp(String text) {
        SpecialValue special = SpecialValue.parse(text, ColumnType.TIMESTAMPTZ);
        return special != null ? special : OffsetDateTime.parse(text, ZONED_TIMESTAMP).toInstant();
    }

    /**
     * Days since 1970. Debezium decodes PostgreSQL's {@code 'infinity'} and {@code '-infinity'}
     * dates to two days of the year -5877611, far before any date PostgreSQL can hold (4713 BC),
     * so they mean nothing else.
     */
    private static Object date(int epochDay) {
        if (epochDay == INFINITE_DATE_DAYS) {
            return SpecialValue.INFINITY;
        }
        if (epochDay == NEGATIVE_INFINITE_DATE_DAYS) {
            return SpecialValue.NEGATIVE_INFINITY;
        }
        return LocalDate.ofEpochDay(epochDay);
    }

    /**
     * Microseconds since 1970. Debezium decodes PostgreSQL's {@code 'infinity'} timestamp to
     * 294247-01-10T04:00:25.200 and {@code '-infinity'} to a time before PostgreSQL's range; the
     * first is also a timestamp PostgreSQL can hold, which Debezium's decoding makes
     * indistinguishable from infinity (README, Known limits).
     */
    private static Object microTimestamp(long micros) {
        if (micros == INFINITE_TIMESTAMP_MICROS) {
            return SpecialValue.INFINITY;
        }
        if (micros == NEGATIVE_INFINITE_TIMESTAMP_MICROS) {
            return SpecialValue.NEGATIVE_INFINITY;
        }
        return localDateTime(Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L);
    }

    /** The exact text {@link PostgresNumericConverter} wrote. */
    private static Object numeric(String text) {
        SpecialValue special = SpecialValue.parse(text, ColumnType.DECIMAL);
        return special != null ? special : new BigDecimal(text);
    }

    private static LocalDateTime localDateTime(long epochSecond, long nanoOfSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, (int) nanoOfSecond, ZoneOffset.UTC);
    }

    private static long micros(LocalDateTime time) {
        return Math.addExact(Math.multiplyExact(time.toEpochSecond(ZoneOffset.UTC), MICROS_PER_SECOND), time.getNano() / 1_000L);
    }

    private static BigDecimal variableScaleDecimal(Struct value) {
        SpecialValueDecimal decimal = VariableScaleDecimal.toLogical(value);
        return decimal.getDecimalValue().orElseThrow(
                () -> new UnsupportedValueException("numeric special value " + decimal + " (NaN or infinity) has no canonical form"));
    }
}
