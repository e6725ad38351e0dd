package dev.cutover.core.mapping;

import dev.cutover.core.schema.ColumnType;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The registry of built-in conversions, by configuration name. */
public final class Conversions {

    private static final Map<String, Conversion> BY_NAME = index(
            new EpochConversion("epoch-seconds-to-timestamp", 1_000L),
            new EpochConversion("epoch-millis-to-timestamp", 1L));

    private Conversions() {
    }

    private static Map<String, Conversion> index(Conversion... conversions) {
        Map<String, Conversion> byName = new LinkedHashMap<>();
        for (Conversion c : conversions) {
            byName.put(c.name(), c);
        }
        return Collections.unmodifiableMap(byName);
    }

    /** Every built-in conversion name, in documentation order. */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    /** The conversion called {@code name}, if there is one. */
    public static Optional<Conversion> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Whole seconds or milliseconds since the Unix epoch in legacy, an instant in new. */
    private record EpochConversion(String name, long millisPerUnit) implements Conversion {

        @Override
        public String description() {
            return "legacy integer " + (millisPerUnit == 1L ? "milliseconds" : "seconds")
                    + " since 1970-01-01T00:00Z <-> new timestamp with time zone";
        }

        @Override
        public Set<ColumnType> legacyTypes() {
            return Set.of(ColumnType.INT32, ColumnType.INT64);
        }

        @Override
        public Set<ColumnType> newTypes() {
            return Set.of(ColumnType.TIMESTAMPTZ);
        }

        @Override
        public Object toNew(Object legacyValue) {
            if (!(legacyValue instanceof Number n)) {
                throw new IllegalArgumentException("expected a whole number of epoch units, got " + legacyValue.getClass().getSimpleName());
            }
            return Instant.ofEpochMilli(Math.multiplyExact(n.longValue(), millisPerUnit));
        }

        @Override
        public Object toLegacy(Object newValue) {
            if (!(newValue instanceof Instant i)) {
                throw new IllegalArgumentException("expected an instant, got " + newValue.getClass().getSimpleName());
            }
            long millis = i.toEpochMilli();
            if (millis % millisPerUnit != 0 || i.getNano() % 1_000_000 != 0) {
                throw new IllegalArgumentException(i + " has a fraction below " + (millisPerUnit == 1L ? "a millisecond" : "a second")
                        + " that the legacy column cannot hold");
            }
            return millis / millisPerUnit;
        }
    }
}
