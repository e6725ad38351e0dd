package dev.cutover.jdbc.load;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SpecialValue;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes canonical values in PostgreSQL's {@code COPY ... FROM STDIN} text format: one line per
 * row, columns separated by tabs, {@code \N} for null, backslash escapes for backslash, newline,
 * carriage return and tab. Each value is spelled the way the column type's input function reads
 * it back as the same value the applier would bind (numeric with its scale, timestamps to the
 * nanosecond PostgreSQL rounds to the microsecond, {@code infinity} and {@code NaN} by name).
 * A value PostgreSQL's text format cannot carry the same way (a date outside years 1–9999)
 * throws {@link IllegalArgumentException}, so the caller writes that row another way. Stateless.
 */
public final class CopyText {

    private static final HexFormat HEX = HexFormat.of();

    private CopyText() {
    }

    /** Appends {@code row}'s values of {@code columns}, in that order, and a newline to {@code out}. */
    public static void appendRow(StringBuilder out, RowImage row, List<ColumnDef> columns) {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.append('\t');
            }
            ColumnDef column = columns.get(i);
            appendValue(out, column, row.get(column.name()));
        }
        out.append('\n');
    }

    static void appendValue(StringBuilder out, ColumnDef column, Object value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        if (value instanceof SpecialValue special) {
            out.append(special.text(column.type()));
            return;
        }
        ColumnType type = column.type();
        switch (type) {
            case BOOLEAN -> out.append((Boolean) value ? 't' : 'f');
            case INT16, INT32, INT64 -> out.append(((Number) value).longValue());
            case FLOAT32, FLOAT64 -> appendFloating(out, ((Number) value).doubleValue(), value);
            case DECIMAL -> out.append(((BigDecimal) value).toPlainString());
            case STRING, JSON -> escape(out, (String) value);
            case BYTES -> out.append("\\\\x").append(HEX.formatHex((byte[]) value));
            case UUID -> out.append(value);
            case DATE -> out.append(date((LocalDate) value, column));
            case TIME -> out.append((LocalTime) value);
            case TIMESTAMP -> out.append(date(((LocalDateTime) value).toLocalDate(), column)).append(' ')
                    .append(((LocalDateTime) value).toLocalTime());
            case TIMESTAMPTZ -> {
                LocalDateTime utc = LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC);
                out.append(date(utc.toLocalDate(), column)).append(' ').append(utc.toLocalTime()).append("+00");
            }
            default -> throw new IllegalArgumentException("column '" + column.name() + "' has type " + type
                    + ", which COPY text is not written for");
        }
    }

    /** {@code exact} as Java spells it (which PostgreSQL reads back the same), or NaN and the infinities by their names. */
    private static void appendFloating(StringBuilder out, double value, Object exact) {
        if (Double.isNaN(value)) {
            out.append("NaN");
        } else if (Double.isInfinite(value)) {
            out.append(value > 0 ? "Infinity" : "-Infinity");
        } else {
            out.append(exact);
        }
    }

    /** ISO dates of years 1 to 9999 read back the same; others (BC, five digits) need the driver's own encoding. */
    private static LocalDate date(LocalDate date, ColumnDef column) {
        if (date.getYear() < 1 || date.getYear() > 9999) {
            throw new IllegalArgumentException("column '" + column.name() + "' holds " + date + ", outside the years COPY text is"
                    + " written for");
        }
        return date;
    }

    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
    }
}
