package dev.cutover.core.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of built-in conversions, by configuration name.
 *
 * <table>
 *   <caption>Built-in conversions</caption>
 *   <tr><th>name</th><th>legacy</th><th>new</th></tr>
 *   <tr><td>{@code epoch-seconds-to-timestamp}</td><td>INT32, INT64 seconds since 1970 UTC</td><td>TIMESTAMPTZ</td></tr>
 *   <tr><td>{@code epoch-millis-to-timestamp}</td><td>INT32, INT64 milliseconds since 1970 UTC</td><td>TIMESTAMPTZ</td></tr>
 *   <tr><td>{@code timestamp-to-timestamptz}</td><td>TIMESTAMP read as UTC</td><td>TIMESTAMPTZ</td></tr>
 *   <tr><td>{@code date-string-to-date}</td><td>STRING {@code yyyy-MM-dd}</td><td>DATE</td></tr>
 *   <tr><td>{@code yyyymmdd-to-date}</td><td>INT32, INT64 such as {@code 20240131}</td><td>DATE</td></tr>
 *   <tr><td>{@code yn-to-boolean}</td><td>STRING {@code Y}/{@code N}</td><td>BOOLEAN</td></tr>
 *   <tr><td>{@code int-to-boolean}</td><td>INT16, INT32, INT64 {@code 1}/{@code 0}</td><td>BOOLEAN</td></tr>
 *   <tr><td>{@code string-to-integer}</td><td>STRING such as {@code -42}</td><td>INT16, INT32, INT64</td></tr>
 *   <tr><td>{@code integer-to-string}</td><td>INT16, INT32, INT64</td><td>STRING</td></tr>
 *   <tr><td>{@code string-to-decimal}</td><td>STRING such as {@code 12.50}</td><td>DECIMAL</td></tr>
 *   <tr><td>{@code string-to-uuid}</td><td>STRING in lower-case 8-4-4-4-12 form</td><td>UUID</td></tr>
 * </table>
 *
 * <p>Every conversion inverts exactly: text is accepted only in the form the value prints back
 * to, and a value the other side cannot hold (an instant with a fraction below the legacy unit,
 * a boolean code other than the two known ones) is refused with an
 * {@link IllegalArgumentException} naming the problem rather than rounded. Thread-safe.
 */
public final class Conversions {

    private static final Conversion TEXT_TO_INTEGER = new TextConversions.TextToInteger();

    private static final Map<String, Conversion> BY_NAME = index(
            new TemporalConversions.Epoch("epoch-seconds-to-timestamp", false),
            new TemporalConversions.Epoch("epoch-millis-to-timestamp", true),
            new TemporalConversions.UtcTimestamp(),
            new TemporalConversions.IsoDateText(),
            new TemporalConversions.YyyymmddDate(),
            new BooleanConversions.YesNo(),
            new BooleanConversions.OneZero(),
            TEXT_TO_INTEGER,
            new TextConversions.Reversed("integer-to-string",
                    "legacy integer <-> new text of the whole number (e.g. -42)", TEXT_TO_INTEGER),
            new TextConversions.TextToDecimal(),
            new TextConversions.TextToUuid());

    private Conversions() {
    }

    private static Map<String, Conversion> index(Conversion... conversions) {
        Map<String, Conversion> byName = new LinkedHashMap<>();
        for (Conversion c : conversions) {
            if (byName.put(c.name(), c) != null) {
                throw new IllegalStateException("two built-in conversions are called " + c.name());
            }
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
}
