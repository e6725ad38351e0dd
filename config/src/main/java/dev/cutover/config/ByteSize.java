package dev.cutover.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of bytes as configuration spells it: a whole number with a binary unit ({@code B},
 * {@code KiB}, {@code MiB}, {@code GiB}, {@code TiB}), e.g. {@code 512MiB}. Printed in the largest
 * unit that divides it exactly, so it reads back as the same amount. Immutable.
 *
 * @param bytes the amount; not negative
 */
public record ByteSize(long bytes) {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|TiB)");

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size must not be negative, got " + bytes);
        }
    }

    /** {@code count} of the {@code unit}-th binary unit: 0 bytes, 1 KiB, 2 MiB, 3 GiB. */
    private static ByteSize of(long count, int unit) {
        return new ByteSize(Math.multiplyExact(count, 1L << (10 * unit)));
    }

    /**
     * Parses a whole number with a unit, such as {@code 1GiB}.
     *
     * @throws IllegalArgumentException when {@code text} is not of that form or too large
     */
    public static ByteSize parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size such as 1GiB or 512MiB");
        }
        try {
            return of(Long.parseLong(m.group(1)), List.of(UNITS).indexOf(m.group(2)));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is larger than " + Long.MAX_VALUE + " bytes", e);
        }
    }

    /** {@code bytes} for people, with one decimal in the largest unit it reaches: {@code 117.3 MiB}, {@code 512 B}. */
    public static String approximate(long bytes) {
        int unit = 0;
        while (unit < UNITS.length - 1 && Math.abs(bytes) >= 1L << (10 * (unit + 1))) {
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", bytes / (double) (1L << (10 * unit)), UNITS[unit]);
    }

    @Override
    public String toString() {
        int unit = 0;
        while (unit < UNITS.length - 1 && bytes != 0 && bytes % (1L << (10 * (unit + 1))) == 0) {
            unit++;
        }
        return (bytes >> (10 * unit)) + UNITS[unit];
    }
}
