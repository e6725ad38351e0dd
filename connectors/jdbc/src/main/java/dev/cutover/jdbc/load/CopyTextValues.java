package dev.cutover.jdbc.load;

import dev.cutover.core.event.SpecialValue;
import dev.cutover.core.schema.ColumnDef;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Reads a value of PostgreSQL's COPY text output (session settings {@code DateStyle ISO},
 * {@code TimeZone UTC}, {@code bytea_output hex}) as the canonical value the row-by-row reader
 * gives for the column. Strict: a spelling it does not know for sure (a BC date, a time zone
 * other than UTC, {@code 24:00:00}) is {@linkplain UnreadableTextException unreadable} rather than
 * read differently, and the chunk is copied row by row. Stateless.
 */
final class CopyTextValues {

    private static final HexFormat HEX = HexFormat.of();

    private CopyTextValues() {
    }

    /** The canonical value of {@code column} spelled {@code text} (escapes undone, not null). */
    static Object read(ColumnDef column, String text) throws UnreadableTextException {
        SpecialValue special = SpecialValue.parse(text, column.type());
        if (special != null) {
            return special;
        }
        try {
            return switch (column.type()) {
                case STRING, JSON -> text;
                case BOOLEAN -> bool(text);
                case INT16 -> Short.valueOf(text);
                case INT32 -> Integer.valueOf(text);
                case INT64 -> Long.valueOf(text);
                case FLOAT32 -> Float.valueOf(text);
                case FLOAT64 -> Double.valueOf(text);
                case DECIMAL -> new BigDecimal(text);
                case UUID -> UUID.fromString(text);
                case BYTES -> bytes(text);
                case DATE -> LocalDate.parse(plainYear(text));
                case TIME -> LocalTime.parse(text);
                case TIMESTAMP -> LocalDateTime.parse(plainYear(text).replace(' ', 'T'));
                case TIMESTAMPTZ -> LocalDateTime.parse(utc(plainYear(text)).replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            };
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new UnreadableTextException("column '" + column.name() + "' (" + column.nativeType() + ") holds '" + text
                    + "', which is not read from COPY text", e);
        }
    }

    private static Boolean bool(String text) throws UnreadableTextException {
        return switch (text) {
            case "t" -> Boolean.TRUE;
            case "f" -> Boolean.FALSE;
            default -> throw new UnreadableTextException("boolean '" + text + "' is neither t nor f");
        };
    }

    private static byte[] bytes(String text) throws UnreadableTextException {
        if (!text.startsWith("\\x")) {
            throw new UnreadableTextException("bytea is not in hex output");
        }
        return HEX.parseHex(text, 2, text.length());
    }

    /** Years 1 to 9999 without an era: what {@link LocalDate#parse} reads the same as the driver. */
    private static String plainYear(String text) throws UnreadableTextException {
        if (text.length() < 10 || text.charAt(4) != '-' || text.endsWith(" BC")) {
            throw new UnreadableTextException("date '" + text + "' has a year outside 1-9999");
        }
        return text;
    }

    private static String utc(String text) throws UnreadableTextException {
        if (!text.endsWith("+00")) {
            throw new UnreadableTextException("timestamptz '" + text + "' is not in UTC");
        }
        return text.substring(0, text.length() - 3);
    }
}
