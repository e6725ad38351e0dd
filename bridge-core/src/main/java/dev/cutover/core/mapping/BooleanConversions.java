package dev.cutover.core.mapping;

import static dev.cutover.core.mapping.ConversionSupport.expect;
import static dev.cutover.core.mapping.ConversionSupport.quote;
import static dev.cutover.core.mapping.ConversionSupport.wholeNumber;

import dev.cutover.core.schema.ColumnType;
import java.util.Set;

/** Built-in conversions between legacy encodings of truth values and BOOLEAN. */
final class BooleanConversions {

    private BooleanConversions() {
    }

    /** {@code 'Y'}/{@code 'N'} text in legacy, a boolean in new. */
    static final class YesNo implements Conversion {
        @Override
        public String name() {
            return "yn-to-boolean";
        }

        @Override
        public String description() {
            return "legacy text 'Y' or 'N' (upper case, e.g. CHAR(1)) <-> new boolean";
        }

        @Override
        public Set<ColumnType> legacyTypes() {
            return Set.of(ColumnType.STRING);
        }

        @Override
        public Set<ColumnType> newTypes() {
            return Set.of(ColumnType.BOOLEAN);
        }

        @Override
        public Object toNew(Object legacyValue) {
            String text = expect(legacyValue, String.class);
            if (text.equals("Y")) {
                return Boolean.TRUE;
            }
            if (text.equals("N")) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("expected 'Y' or 'N', got " + quote(text)
                    + " (use a value map for other spellings)");
        }

        @Override
        public Object toLegacy(Object newValue) {
            return expect(newValue, Boolean.class) ? "Y" : "N";
        }
    }

    /** {@code 1}/{@code 0} in legacy, a boolean in new. */
    static final class OneZero implements Conversion {
        @Override
        public String name() {
            return "int-to-boolean";
        }

        @Override
        public String description() {
            return "legacy integer 1 or 0 <-> new boolean";
        }

        @Override
        public Set<ColumnType> legacyTypes() {
            return Set.of(ColumnType.INT16, ColumnType.INT32, ColumnType.INT64);
        }

        @Override
        public Set<ColumnType> newTypes() {
            return Set.of(ColumnType.BOOLEAN);
        }

        @Override
        public Object toNew(Object legacyValue) {
            long number = wholeNumber(legacyValue);
            if (number == 1L) {
                return Boolean.TRUE;
            }
            if (number == 0L) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("expected 1 or 0, got " + number + " (use a value map for other codes)");
        }

        @Override
        public Object toLegacy(Object newValue) {
            return expect(newValue, Boolean.class) ? 1 : 0;
        }
    }
}
