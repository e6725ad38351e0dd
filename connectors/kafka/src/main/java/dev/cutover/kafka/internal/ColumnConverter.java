package dev.cutover.kafka.internal;

import dev.cutover.core.event.SpecialValue;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;

/**
 * Converts one column's canonical Java values (see {@link dev.cutover.core.event.RowImage}) to
 * the Java values Avro's generic writer takes for the column's Avro type, and back.
 *
 * <p>Temporal values travel in microseconds, which is what PostgreSQL and MariaDB store;
 * sub-microsecond digits, which neither database has, are dropped. Timestamps without a time
 * zone count microseconds from 1970-01-01T00:00 as if in UTC (Avro's local-timestamp-micros).
 *
 * <p>A {@link SpecialValue} travels as the symbol of the field's {@link AvroTypes#SPECIAL} branch.
 *
 * <p>Error messages name the column and what was wrong, never the value. Immutable and
 * thread-safe.
 */
public final class ColumnConverter {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final String column;
    private final String field;
    private final ColumnType type;
    private final boolean fixedScaleDecimal;
    private final boolean nullable;
    private final int precision;
    private final int scale;

    /**
     * @param column the column definition
     * @param field the Avro field name the column travels under
     */
    public ColumnConverter(ColumnDef column, String field) {
        this.column = column.name();
        this.field = field;
        this.type = column.type();
        this.fixedScaleDecimal = AvroTypes.hasFixedScale(column);
        this.nullable = column.nullable();
        this.precision = column.precision();
        this.scale = column.scale();
    }

    /** The column name as the database spells it. */
    public String column() {
        return column;
    }

    /** The Avro field name. */
    public String field() {
        return field;
    }

    /** True when the column accepts null. */
    public boolean nullable() {
        return nullable;
    }

    /**
     * The Avro form of a canonical value.
     *
     * @throws IllegalArgumentException when the value is null in a NOT NULL column, is not of the
     *     column type's canonical class, or does not fit the Avro type
     */
    public Object toAvro(Object value) {
        if (value == null) {
            if (!nullable) {
                throw new IllegalArgumentException("column '" + column + "' is NOT NULL but the value is null");
            }
            return null;
        }
        if (value instanceof SpecialValue special) {
            if (!special.fits(type)) {
                throw new IllegalArgumentException("column '" + column + "' of type " + type + " cannot hold " + special);
            }
            return new GenericData.EnumSymbol(AvroTypes.SPECIAL, special.name());
        }
        if (!type.javaType().isInstance(value)) {
            throw new IllegalArgumentException("column '" + column + "' of type " + type + " needs a "
                    + type.javaType().getName() + ", got a " + value.getClass().getName());
        }
        return switch (type) {
            case BOOLEAN, INT32, INT64, FLOAT32, FLOAT64, STRING, JSON -> value;
            case INT16 -> (int) (Short) value;
            case DECIMAL -> fixedScaleDecimal ? decimalBytes((BigDecimal) value) : value.toString();
            case BYTES -> ByteBuffer.wrap((byte[]) value);
            case UUID -> value.toString();
            case DATE -> dateDays((LocalDate) value);
            case TIME -> ((LocalTime) value).toNanoOfDay() / 1000;
            case TIMESTAMP -> micros(((LocalDateTime) value).toEpochSecond(ZoneOffset.UTC), ((LocalDateTime) value).getNano());
            case TIMESTAMPTZ -> micros(((Instant) value).getEpochSecond(), ((Instant) value).getNano());
        };
    }

    /**
     * The canonical value of a value Avro's generic reader produced for this column.
     *
     * @throws IllegalArgumentException when the value cannot be the column type's
     */
    public Object fromAvro(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof GenericEnumSymbol<?> symbol) {
            return special(symbol.toString());
        }
        return switch (type) {
            case BOOLEAN, INT32, INT64, FLOAT32, FLOAT64 -> value;
            case INT16 -> toShort((Integer) value);
            case STRING, JSON -> value.toString();
            case DECIMAL -> fixedScaleDecimal
                    ? new BigDecimal(new BigInteger(bytes((ByteBuffer) value)), scale)
                    : new BigDecimal(value.toString());
            case BYTES -> bytes((ByteBuffer) value);
            case UUID -> UUID.fromString(value.toString());
            case DATE -> LocalDate.ofEpochDay((Integer) value);
            case TIME -> LocalTime.ofNanoOfDay((Long) value * 1000);
            case TIMESTAMP -> LocalDateTime.ofEpochSecond(seconds((Long) value), nanos((Long) value), ZoneOffset.UTC);
            case TIMESTAMPTZ -> Instant.ofEpochSecond(seconds((Long) value), nanos((Long) value));
        };
    }

    private SpecialValue special(String symbol) {
        SpecialValue special = SpecialValue.valueOf(symbol);
        if (!special.fits(type)) {
            throw new IllegalArgumentException("column '" + column + "' is " + type + " but the record holds " + special);
        }
        return special;
    }

    private ByteBuffer decimalBytes(BigDecimal value) {
        BigDecimal scaled;
        try {
            scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("column '" + column + "' is DECIMAL(" + precision + "," + scale
                    + ") but the value has more than " + scale + " digits after the point");
        }
        if (scaled.precision() > precision) {
            throw new IllegalArgumentException("column '" + column + "' is DECIMAL(" + precision + "," + scale
                    + ") but the value has " + scaled.precision() + " digits");
        }
        return ByteBuffer.wrap(scaled.unscaledValue().toByteArray());
    }

    private int dateDays(LocalDate date) {
        long days = date.toEpochDay();
        if (days < Integer.MIN_VALUE || days > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("column '" + column + "': date is outside Avro's date range");
        }
        return (int) days;
    }

    private long micros(long epochSecond, int nano) {
        try {
            return Math.addExact(Math.multiplyExact(epochSecond, MICROS_PER_SECOND), nano / 1000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("column '" + column + "': timestamp is outside the range of microseconds in a long");
        }
    }

    private short toShort(int value) {
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw new IllegalArgumentException("column '" + column + "' is INT16 but the record holds a larger int");
        }
        return (short) value;
    }

    private static long seconds(long micros) {
        return Math.floorDiv(micros, MICROS_PER_SECOND);
    }

    private static int nanos(long micros) {
        return (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
