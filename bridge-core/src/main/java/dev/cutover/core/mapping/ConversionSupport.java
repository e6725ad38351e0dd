package dev.cutover.core.mapping;

/** Input checks shared by the built-in conversions. */
final class ConversionSupport {

    private ConversionSupport() {
    }

    /** The value of a {@code Short}, {@code Integer} or {@code Long}. */
    static long wholeNumber(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw new IllegalArgumentException("expected a whole number, got " + ValueCoercion.describe(value));
    }

    /** {@code value} as a {@code type}, or an exception naming what was found instead. */
    static <T> T expect(Object value, Class<T> type) {
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        throw new IllegalArgumentException("expected " + type.getSimpleName() + ", got " + ValueCoercion.describe(value));
    }

    /** {@code text} quoted and cut short for messages. */
    static String quote(String text) {
        return ValueCoercion.describe(text).substring("String ".length());
    }
}
