package dev.cutover.runtime.batch;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.schema.ColumnType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where an incremental copy stopped: the greatest watermark value it copied, and a digest of each
 * row that held exactly that value. The next copy reads rows with a watermark of at least that
 * value, so a row committed later with the same value is not missed, and skips the rows whose
 * digest it already holds, so unchanged rows at the boundary are not sent again. Immutable.
 *
 * @param column the watermark column, as the source names it
 * @param type its type, so the value reads back as the same Java type
 * @param value the greatest value copied; never null
 * @param boundary digests of the copied rows whose watermark equals {@code value}
 */
record Watermark(String column, ColumnType type, Object value, Set<String> boundary) {

    /** Types whose order Java and the database agree on; text is left out, as collations differ. */
    static final Set<ColumnType> ORDERED_TYPES = EnumSet.of(ColumnType.INT16, ColumnType.INT32, ColumnType.INT64,
            ColumnType.DECIMAL, ColumnType.DATE, ColumnType.TIMESTAMP, ColumnType.TIMESTAMPTZ);

    Watermark {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(value, "value");
        if (!ORDERED_TYPES.contains(type)) {
            throw new IllegalArgumentException("a watermark cannot be of type " + type);
        }
        boundary = Set.copyOf(boundary);
    }

    /** Compares two non-null watermark values of one column. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    /** The value as text that {@link #parse} reads back. */
    String valueText() {
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    /** Reads a value written by {@link #valueText}. */
    static Object parse(ColumnType type, String text) {
        return switch (type) {
            case INT16 -> Short.valueOf(text);
            case INT32 -> Integer.valueOf(text);
            case INT64 -> Long.valueOf(text);
            case DECIMAL -> new BigDecimal(text);
            case DATE -> LocalDate.parse(text);
            case TIMESTAMP -> LocalDateTime.parse(text);
            case TIMESTAMPTZ -> Instant.parse(text);
            default -> throw new IllegalArgumentException("a watermark cannot be of type " + type);
        };
    }

    /** A digest of every column of {@code row}, stable across runs and JVMs. */
    static String digest(RowImage row) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(row.asMap()).forEach((column, value) -> text.append(column).append('=').append(canonical(value))
                .append('\u0000'));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String canonical(Object value) {
        if (value == null) {
            return "\u0001null";
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
