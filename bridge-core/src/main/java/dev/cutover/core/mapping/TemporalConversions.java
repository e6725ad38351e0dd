package dev.cutover.core.mapping;

import static dev.cutover.core.mapping.ConversionSupport.expect;
import static dev.cutover.core.mapping.ConversionSupport.quote;
import static dev.cutover.core.mapping.ConversionSupport.wholeNumber;

import dev.cutover.core.event.SpecialValue;
import dev.cutover.core.schema.ColumnType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** Built-in conversions between legacy encodings of time and the new system's temporal types. */
final class TemporalConversions {

    private static final Set<ColumnType> WHOLE_NUMBERS = Set.of(ColumnType.INT32, ColumnType.INT64);

    private TemporalConversions() {
    }

    /** Whole seconds or milliseconds since the Unix epoch in legacy, an instant in new. */
    static final class Epoch implements Conversion {
        private final String name;
        private final boolean millis;

        Epoch(String name, boolean millis) {
            this.name = name;
            this.millis = millis;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "legacy whole " + unit() + "s since 1970-01-01T00:00Z <-> new timestamp with time zone;"
                    + " an instant with a fraction below a " + unit() + " cannot go back";
        }

        @Override
        public Set<ColumnType> legacyTypes() {
            return WHOLE_NUMBERS;
        }

        @Override
        public Set<ColumnType> newTypes() {
            return Set.of(ColumnType.TIMESTAMPTZ);
        }

        @Override
        public Object toNew(Object legacyValue) {
            long units = wholeNumber(legacyValue);
            try {
                return millis ? Instant.ofEpochMilli(units) : Instant.ofEpochSecond(units);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(units + " epoch " + unit() + "s is outside the supported range of instants");
            }
        }

        @Override
        public Object toLegacy(Object newValue) {
            Instant instant = expect(newValue, Instant.class);
            int nanosPerUnit = millis ? 1_000_000 : 1_000_000_000;
            if (instant.getNano() % nanosPerUnit != 0) {
                throw new IllegalArgumentException(instant + " has a fraction below a " + unit() + " that the legacy column cannot hold");
            }
            try {
                return millis ? instant.toEpochMilli() : instant.getEpochSecond();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(instant + " is too far from 1970 to count in epoch " + unit() + "s");
            }
        }

        private String unit() {
            return millis ? "millisecond" : "second";
        }
    }

    /** A timestamp without time zone read as UTC in legacy, an instant in new. */
    static final class UtcTimestamp implements Conversion {
        @Override
        public String name() {
            return "timestamp-to-timestamptz";
        }

        @Override
        public String description() {
            return "legacy timestamp without time zone, read as UTC <-> new timestamp with time zone";
        }

        @Override
        public Set<ColumnType> legacyTypes() {
            return Set.of(ColumnType.TIMESTAMP);
        }

        @Override
        public Set<ColumnType> newTypes() {
            return Set.of(ColumnType.TIMESTAMPTZ);
        }

        @Override
        public Object toNew(Object legacyValue) {
            // An infinite timestamp is as infinite read in any zone.
            if (legacyValue instanceof SpecialValue infinity) {
                return infinity;
            }
            return expect(legacyValue, LocalDateTime.class).toInstant(ZoneOffset.UTC);
        }

        @Override
        public Object toLegacy(Object newValue) {
            if (newValue instanceof SpecialValue infinity) {
                return infinity;
            }
            Instant instant = expect(newValue, Instant.class);
            try {
                return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(instant + " is outside the range of a timestamp");
            }
        }
    }

    /** ISO {@code yyyy-MM-dd} text in legacy, a date in new. */
    static final class IsoDateText implements Conversion {
        @Override
        public String name() {
            return "date-string-to-date";
        }

        @Override
        public String description() {
            return "legacy text in ISO form yyyy-MM-dd (e.g. 2024-01-31) <-> new date";
        }

        @Override
        public Set<ColumnType> legacyTypes() {
            return Set.of(ColumnType.STRING);
        }

        @Override
        public Set<ColumnType> newTypes() {
            return Set.of(ColumnType.DATE);
        }

        @Override
        public Object toNew(Object legacyValue) {
            String text = expect(legacyValue, String.class);
            LocalDate date;
            try {
                date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(quote(text) + " is not a date of the form yyyy-MM-dd");
            }
            if (!date.toString().equals(text)) {
                throw new IllegalArgumentException(quote(text) + " is not in canonical yyyy-MM-dd form, so it would not convert back to the same text");
            }
            return date;
        }

        @Override
        public Object toLegacy(Object newValue) {
            return expect(newValue, LocalDate.class).toString();
        }
    }

    /** A date written as the number yyyymmdd (20240131) in legacy, a date in new. */
    static final class YyyymmddDate implements Conversion {
        private static final int MIN = 1_01_01;
        private static final int MAX = 9999_12_31;

        @Override
        public String name() {
            return "yyyymmdd-to-date";
        }

        @Override
        public String description() {
            return "legacy integer yyyymmdd (e.g. 20240131) <-> new date, years 1 to 9999";
        }

        @Override
        public Set<ColumnType> legacyTypes() {
            return WHOLE_NUMBERS;
        }

        @Override
        public Set<ColumnType> newTypes() {
            return Set.of(ColumnType.DATE);
        }

        @Override
        public Object toNew(Object legacyValue) {
            long number = wholeNumber(legacyValue);
            if (number < MIN || number > MAX) {
                throw new IllegalArgumentException(number + " is not a yyyymmdd date between 00010101 and 99991231");
            }
            int n = (int) number;
            try {
                return LocalDate.of(n / 10_000, n / 100 % 100, n % 100);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(number + " is not a valid yyyymmdd date: " + e.getMessage());
            }
        }

        @Override
        public Object toLegacy(Object newValue) {
            LocalDate date = expect(newValue, LocalDate.class);
            if (date.getYear() < 1 || date.getYear() > 9999) {
                throw new IllegalArgumentException(date + " has a year outside 1 to 9999, which yyyymmdd cannot hold");
            }
            return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
        }
    }
}
