package dev.cutover.core.event;

import dev.cutover.core.schema.ColumnType;

/**
 * A value that is not a number or a point in time, yet which a PostgreSQL column can hold:
 * {@code 'infinity'} and {@code '-infinity'} of {@code date}, {@code timestamp} and
 * {@code timestamptz}, and {@code 'NaN'}, {@code 'Infinity'} and {@code '-Infinity'} of
 * {@code numeric}. The canonical Java types of those columns ({@link java.time.LocalDate},
 * {@link java.time.LocalDateTime}, {@link java.time.Instant}, {@link java.math.BigDecimal}) cannot
 * hold them, so a {@link RowImage} carries them as one of these constants in place of the value.
 *
 * <p>The column's type says which value is meant: {@link #INFINITY} in a DATE column is the date
 * {@code 'infinity'}, in a DECIMAL column the number {@code 'Infinity'}. Floating-point columns
 * never carry these constants: {@link Double} and {@link Float} hold NaN and the infinities
 * themselves. A database or a conversion that cannot hold a special value refuses the change; none
 * replaces it by a nearby ordinary value.
 */
public enum SpecialValue {
    /** Later than every date and timestamp; greater than every number. */
    INFINITY("infinity", "Infinity"),
    /** Earlier than every date and timestamp; less than every number. */
    NEGATIVE_INFINITY("-infinity", "-Infinity"),
    /** Not a number; only DECIMAL columns hold it. */
    NAN(null, "NaN");

    private final String temporalText;
    private final String numericText;

    SpecialValue(String temporalText, String numericText) {
        this.temporalText = temporalText;
        this.numericText = numericText;
    }

    /** True when a column of {@code type} can hold this value as a {@code SpecialValue}. */
    public boolean fits(ColumnType type) {
        return switch (type) {
            case DECIMAL -> true;
            case DATE, TIMESTAMP, TIMESTAMPTZ -> this != NAN;
            default -> false;
        };
    }

    /**
     * The value as PostgreSQL spells it in a column of {@code type}: {@code infinity} for temporal
     * types, {@code Infinity} or {@code NaN} for DECIMAL.
     *
     * @throws IllegalArgumentException when a column of {@code type} cannot hold this value
     */
    public String text(ColumnType type) {
        if (!fits(type)) {
            throw new IllegalArgumentException("a " + type + " column cannot hold " + this);
        }
        return type == ColumnType.DECIMAL ? numericText : temporalText;
    }

    /** The special value PostgreSQL's text {@code text} stands for in a column of {@code type}; null when it is an ordinary value. */
    public static SpecialValue parse(String text, ColumnType type) {
        for (SpecialValue special : values()) {
            if (special.fits(type) && special.text(type).equals(text)) {
                return special;
            }
        }
        return null;
    }

    /** The numeric spelling ({@code NaN}, {@code Infinity}, {@code -Infinity}), for messages. */
    @Override
    public String toString() {
        return numericText;
    }
}
