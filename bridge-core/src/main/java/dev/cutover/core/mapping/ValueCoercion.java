package dev.cutover.core.mapping;

import dev.cutover.core.event.SpecialValue;
import dev.cutover.core.schema.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns a value into the canonical Java type of a {@link ColumnType} without losing information.
 *
 * <p>The mapping engine uses it for three things: constants from the configuration file
 * (defaults and value-map entries, which arrive as {@code String}, {@code Number} or
 * {@code Boolean}), and the last step of every mapped column, so that the target always receives
 * exactly {@link ColumnType#javaType()}.
 *
 * <p>What is accepted:
 * <ul>
 *   <li>{@code null} stays {@code null}; a value already of the canonical class is returned as is.</li>
 *   <li>Whole numbers ({@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger},
 *       integral {@code BigDecimal}, {@code Double} or {@code Float}) become INT16/INT32/INT64 when
 *       they fit the target's range.</li>
 *   <li>Any finite number becomes DECIMAL; a float's NaN or infinity becomes the DECIMAL
 *       {@link SpecialValue}. A number becomes FLOAT32/FLOAT64 when the float holds the same
 *       binary value or prints as the same decimal number.</li>
 *   <li>A {@link SpecialValue} stays itself where the target {@linkplain SpecialValue#fits holds}
 *       it, and becomes the float's NaN or infinity for FLOAT32/FLOAT64.</li>
 *   <li>Text in the form the configuration file would spell it: {@code true}/{@code false} for
 *       BOOLEAN (any case), decimal digits for numbers, the 8-4-4-4-12 form for UUID, ISO-8601 for
 *       DATE ({@code 2024-01-31}), TIME ({@code 10:15:30}), TIMESTAMP
 *       ({@code 2024-01-31T10:15:30}) and TIMESTAMPTZ ({@code 2024-01-31T10:15:30Z} or with an
 *       offset). STRING and JSON take text as it is.</li>
 * </ul>
 * Everything else is refused: numbers and booleans never silently become text, text never
 * becomes BYTES, and one temporal type never becomes another.
 *
 * <p>Stateless and thread-safe.
 */
public final class ValueCoercion {

    private static final int MAX_SHOWN_CHARS = 40;
    private static final long EXACT_DOUBLE_LIMIT = 1L << 53;

    private ValueCoercion() {
    }

    /**
     * Returns {@code value} as an instance of {@code target.javaType()}.
     *
     * @param value a canonical value or a configuration constant; may be null
     * @param target the type to coerce to; never null
     * @return the coerced value, null when {@code value} is null
     * @throws IllegalArgumentException naming the value's type and the target when the value
     *     cannot become the target type without losing information
     */
    public static Object coerce(Object value, ColumnType target) {
        Objects.requireNonNull(target, "target");
        if (value == null || value.getClass() == target.javaType()) {
            return value;
        }
        if (value instanceof SpecialValue special) {
            return special(special, target);
        }
        return switch (target) {
            case BOOLEAN -> toBoolean(value);
            case INT16 -> Short.valueOf((short) toWhole(value, Short.MIN_VALUE, Short.MAX_VALUE, target));
            case INT32 -> Integer.valueOf((int) toWhole(value, Integer.MIN_VALUE, Integer.MAX_VALUE, target));
            case INT64 -> Long.valueOf(toWhole(value, Long.MIN_VALUE, Long.MAX_VALUE, target));
            case FLOAT32 -> toFloat(value);
            case FLOAT64 -> toDouble(value);
            case DECIMAL -> toDecimal(value, target);
            case UUID -> toUuid(value);
            case DATE -> parse(value, target, LocalDate::parse, "an ISO date such as 2024-01-31");
            case TIME -> parse(value, target, LocalTime::parse, "an ISO time such as 10:15:30");
            case TIMESTAMP -> parse(value, target, LocalDateTime::parse, "an ISO timestamp such as 2024-01-31T10:15:30");
            case TIMESTAMPTZ -> parse(value, target, Instant::parse,
                    "an ISO timestamp with offset such as 2024-01-31T10:15:30Z or 2024-01-31T10:15:30+02:00");
            case STRING, JSON -> throw refuse(value, target, "only text becomes " + target
                    + " implicitly; use a conversion (e.g. integer-to-string) or write the constant as quoted text");
            case BYTES -> throw refuse(value, target, "only byte arrays become BYTES");
        };
    }

    /**
     * A short description of a value for error messages: its type and, for all but byte arrays,
     * the value itself (text quoted and cut to 40 characters).
     */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String type = value.getClass().getSimpleName();
        if (value instanceof byte[] bytes) {
            return "byte[" + bytes.length + "]";
        }
        if (value instanceof String text) {
            return type + " '" + (text.length() > MAX_SHOWN_CHARS ? text.substring(0, MAX_SHOWN_CHARS) + "..." : text) + "'";
        }
        return type + " " + value;
    }

    private static Boolean toBoolean(Object value) {
        if (value instanceof String text) {
            if (text.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (text.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        throw refuse(value, ColumnType.BOOLEAN, "expected true or false");
    }

    private static long toWhole(Object value, long min, long max, ColumnType target) {
        long whole = wholeNumber(value, target);
        if (whole < min || whole > max) {
            throw refuse(value, target, "out of range " + min + ".." + max);
        }
        return whole;
    }

    private static long wholeNumber(Object value, ColumnType target) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        BigDecimal exact = value instanceof String text ? parseDecimal(text, target) : exactDecimal(value, target);
        try {
            return exact.longValueExact();
        } catch (ArithmeticException e) {
            throw refuse(value, target, exact.stripTrailingZeros().scale() > 0 ? "has a fraction" : "out of range");
        }
    }

    private static Object toDecimal(Object value, ColumnType target) {
        if (value instanceof String text) {
            return parseDecimal(text, target);
        }
        if ((value instanceof Double || value instanceof Float) && !Double.isFinite(((Number) value).doubleValue())) {
            // Java spells NaN and the infinities as PostgreSQL's numeric does.
            return SpecialValue.parse(Double.toString(((Number) value).doubleValue()), ColumnType.DECIMAL);
        }
        return exactDecimal(value, target);
    }

    /**
     * A special value stays itself where the target holds it (infinity in a date, NaN in a
     * decimal) and becomes the equal float or double; anything else is refused, never replaced
     * by a nearby ordinary value.
     */
    private static Object special(SpecialValue special, ColumnType target) {
        if (special.fits(target)) {
            return special;
        }
        double d = switch (special) {
            case INFINITY -> Double.POSITIVE_INFINITY;
            case NEGATIVE_INFINITY -> Double.NEGATIVE_INFINITY;
            case NAN -> Double.NaN;
        };
        return switch (target) {
            case FLOAT64 -> d;
            case FLOAT32 -> (float) d;
            default -> throw refuse(special, target, target + " has no such value");
        };
    }


    /** The exact decimal value of a number; floats by their shortest decimal form. */
    private static BigDecimal exactDecimal(Object value, ColumnType target) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof Double d && Double.isFinite(d)) {
            return new BigDecimal(Double.toString(d));
        }
        if (value instanceof Float f && Float.isFinite(f)) {
            return new BigDecimal(Float.toString(f));
        }
        throw refuse(value, target, value instanceof Number ? "not a finite number" : "not a number");
    }

    private static BigDecimal parseDecimal(String text, ColumnType target) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw refuse(text, target, "not a decimal number");
        }
    }

    private static Double toDouble(Object value) {
        if (value instanceof Float f) {
            return (double) f;
        }
        Double special = specialFloating(value);
        if (special != null) {
            return special;
        }
        if ((value instanceof Long || value instanceof Integer) && Math.abs(((Number) value).longValue()) <= EXACT_DOUBLE_LIMIT) {
            return ((Number) value).doubleValue();
        }
        BigDecimal exact = value instanceof String text ? parseDecimal(text, ColumnType.FLOAT64) : exactDecimal(value, ColumnType.FLOAT64);
        double d = exact.doubleValue();
        if (Double.isFinite(d) && (new BigDecimal(d).compareTo(exact) == 0 || new BigDecimal(Double.toString(d)).compareTo(exact) == 0)) {
            return d;
        }
        throw refuse(value, ColumnType.FLOAT64, "a double cannot hold it exactly");
    }

    private static Float toFloat(Object value) {
        Double special = specialFloating(value);
        if (special != null) {
            return special.floatValue();
        }
        if (value instanceof Double d && Double.isFinite(d) && (double) (float) d.doubleValue() == d) {
            return (float) d.doubleValue();
        }
        BigDecimal exact = value instanceof String text ? parseDecimal(text, ColumnType.FLOAT32) : exactDecimal(value, ColumnType.FLOAT32);
        float f = exact.floatValue();
        if (Float.isFinite(f) && (new BigDecimal(f).compareTo(exact) == 0 || new BigDecimal(Float.toString(f)).compareTo(exact) == 0)) {
            return f;
        }
        throw refuse(value, ColumnType.FLOAT32, "a float cannot hold it exactly");
    }

    /** NaN and the infinities, as doubles or as the text Java prints for them; null otherwise. */
    private static Double specialFloating(Object value) {
        if (value instanceof Double d && !Double.isFinite(d)) {
            return d;
        }
        if (value instanceof Float f && !Float.isFinite(f)) {
            return f.doubleValue();
        }
        if (value instanceof String text) {
            switch (text) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    return null;
            }
        }
        return null;
    }

    private static UUID toUuid(Object value) {
        if (value instanceof String text) {
            try {
                UUID uuid = UUID.fromString(text);
                // fromString also accepts short groups such as 1-2-3-4-5; only the canonical form round-trips
                if (uuid.toString().equalsIgnoreCase(text)) {
                    return uuid;
                }
            } catch (IllegalArgumentException e) {
                // refused below with the expected form
            }
        }
        throw refuse(value, ColumnType.UUID, "expected text in the 8-4-4-4-12 hex form");
    }

    private static Object parse(Object value, ColumnType target, Function<String, Object> parser, String expected) {
        if (value instanceof String text) {
            try {
                return parser.apply(text);
            } catch (DateTimeParseException e) {
                throw refuse(value, target, "expected " + expected);
            }
        }
        throw refuse(value, target, "expected " + target.javaType().getSimpleName() + " or " + expected);
    }

    private static IllegalArgumentException refuse(Object value, ColumnType target, String reason) {
        return new IllegalArgumentException("cannot coerce " + describe(value) + " to " + target + ": " + reason);
    }
}
