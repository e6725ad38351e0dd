package dev.cutover.debezium;

/**
 * A PostgreSQL log sequence number: a 64-bit position in the write-ahead log.
 *
 * <p>Printed and parsed the way PostgreSQL prints it, two hexadecimal halves separated by a
 * slash ({@code 0/16B3748}), so that positions in messages can be pasted into {@code psql}.
 * Ordered as unsigned 64-bit numbers. Immutable.
 *
 * @param value the position as an unsigned 64-bit number
 */
public record Lsn(long value) implements Comparable<Lsn> {

    /**
     * Parses {@code XXXXXXXX/XXXXXXXX} (hexadecimal, either case).
     *
     * @throws IllegalArgumentException when {@code text} is not of that form
     */
    public static Lsn parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || slash > 8 || text.length() - slash - 1 > 8) {
            throw new IllegalArgumentException("'" + text + "' is not an LSN of the form 16/B374D848");
        }
        try {
            long high = Long.parseLong(text.substring(0, slash), 16);
            long low = Long.parseLong(text.substring(slash + 1), 16);
            return new Lsn(high << 32 | low);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an LSN of the form 16/B374D848", e);
        }
    }

    /** Formats {@code value} as PostgreSQL prints an LSN, e.g. {@code 0/16B3748}. */
    public static String format(long value) {
        return Long.toHexString(value >>> 32).toUpperCase() + "/" + Long.toHexString(value & 0xFFFF_FFFFL).toUpperCase();
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    /** True when this position lies after {@code other} in the log. */
    public boolean isAfter(Lsn other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        return format(value);
    }
}
