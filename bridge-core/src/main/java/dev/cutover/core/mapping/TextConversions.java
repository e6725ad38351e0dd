package dev.cutover.core.mapping;

import static dev.cutover.core.mapping.ConversionSupport.expect;
import static dev.cutover.core.mapping.ConversionSupport.quote;
import static dev.cutover.core.mapping.ConversionSupport.wholeNumber;

import dev.cutover.core.schema.ColumnType;
import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;

/**
 * Built-in conversions between text and typed values. Text is accepted only in the one form the
 * value prints back to, so that every conversion inverts exactly.
 */
final class TextConversions {

    private static final String NOT_CANONICAL = ", so it would not convert back to the same text";

    private TextConversions() {
    }

    /** Decimal digits in legacy text, a whole number in new. */
    static final class TextToInteger implements Conversion {
        @Override
        public String name() {
            return "string-to-integer";
        }

        @Override
        public String description() {
            return "legacy text of a whole number (e.g. -42; no '+', leading zeros or spaces) <-> new integer";
        }

        @Override
        public Set<ColumnType> legacyTypes() {
            return Set.of(ColumnType.STRING);
        }

        @Override
        public Set<ColumnType> newTypes() {
            return Set.of(ColumnType.INT16, ColumnType.INT32, ColumnType.INT64);
        }

        @Override
        public Object toNew(Object legacyValue) {
            String text = expect(legacyValue, String.class);
            long number;
            try {
                number = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(quote(text) + " is not a whole number within the 64-bit range");
            }
            if (!Long.toString(number).equals(text)) {
                throw new IllegalArgumentException(quote(text) + " is not in canonical form (no '+', leading zeros or spaces)" + NOT_CANONICAL);
            }
            return number;
        }

        @Override
        public Object toLegacy(Object newValue) {
            return Long.toString(wholeNumber(newValue));
        }
    }

    /** Plain decimal text in legacy, an exact decimal in new. */
    static final class TextToDecimal implements Conversion {
        @Override
        public String name() {
            return "string-to-decimal";
        }

        @Override
        public String description() {
            return "legacy text of a plain decimal number (e.g. -12.50; no exponent, '+' or leading zeros) <-> new decimal, scale kept";
        }

        @Override
        public Set<ColumnType> legacyTypes() {
            return Set.of(ColumnType.STRING);
        }

        @Override
        public Set<ColumnType> newTypes() {
            return Set.of(ColumnType.DECIMAL);
        }

        @Override
        public Object toNew(Object legacyValue) {
            String text = expect(legacyValue, String.class);
            BigDecimal number;
            try {
                number = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(quote(text) + " is not a decimal number");
            }
            if (!number.toPlainString().equals(text)) {
                throw new IllegalArgumentException(quote(text) + " is not a plain decimal (no exponent, '+', leading zeros or spaces)" + NOT_CANONICAL);
            }
            return number;
        }

        @Override
        public Object toLegacy(Object newValue) {
            return expect(newValue, BigDecimal.class).toPlainString();
        }
    }

    /** Lower-case 8-4-4-4-12 text in legacy, a UUID in new. */
    static final class TextToUuid implements Conversion {
        @Override
        public String name() {
            return "string-to-uuid";
        }

        @Override
        public String description() {
            return "legacy text of a UUID in lower-case 8-4-4-4-12 form <-> new uuid";
        }

        @Override
        public Set<ColumnType> legacyTypes() {
            return Set.of(ColumnType.STRING);
        }

        @Override
        public Set<ColumnType> newTypes() {
            return Set.of(ColumnType.UUID);
        }

        @Override
        public Object toNew(Object legacyValue) {
            String text = expect(legacyValue, String.class);
            UUID uuid;
            try {
                uuid = UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(quote(text) + " is not a UUID");
            }
            if (!uuid.toString().equals(text)) {
                throw new IllegalArgumentException(quote(text) + " is not in lower-case 8-4-4-4-12 form" + NOT_CANONICAL);
            }
            return uuid;
        }

        @Override
        public Object toLegacy(Object newValue) {
            return expect(newValue, UUID.class).toString();
        }
    }

    /** Another conversion with legacy and new swapped, e.g. integer-to-string from string-to-integer. */
    static final class Reversed implements Conversion {
        private final String name;
        private final String description;
        private final Conversion inner;

        Reversed(String name, String description, Conversion inner) {
            this.name = name;
            this.description = description;
            this.inner = inner;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public Set<ColumnType> legacyTypes() {
            return inner.newTypes();
        }

        @Override
        public Set<ColumnType> newTypes() {
            return inner.legacyTypes();
        }

        @Override
        public Object toNew(Object legacyValue) {
            return inner.toLegacy(legacyValue);
        }

        @Override
        public Object toLegacy(Object newValue) {
            return inner.toNew(newValue);
        }
    }
}
