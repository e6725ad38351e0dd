package dev.cutover.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.schema.ColumnType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConversionsTest {

    private static Conversion conversion(String name) {
        return Conversions.find(name).orElseThrow();
    }

    @Test
    void registersEveryDocumentedConversionWithADescriptionAndTypes() {
        assertThat(Conversions.names()).containsExactly("epoch-seconds-to-timestamp", "epoch-millis-to-timestamp",
                "timestamp-to-timestamptz", "date-string-to-date", "yyyymmdd-to-date", "yn-to-boolean", "int-to-boolean",
                "string-to-integer", "integer-to-string", "string-to-decimal", "string-to-uuid");
        for (String name : Conversions.names()) {
            Conversion c = conversion(name);
            assertThat(c.name()).isEqualTo(name);
            assertThat(c.description()).as(name).isNotBlank();
            assertThat(c.legacyTypes()).as(name).isNotEmpty();
            assertThat(c.newTypes()).as(name).isNotEmpty();
        }
        assertThat(Conversions.find("no-such-conversion")).isEmpty();
    }

    @Test
    void epochSecondsBecomeAnInstantAndBack() {
        Conversion c = conversion("epoch-seconds-to-timestamp");

        assertThat(c.toNew(1_700_000_000L)).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
        assertThat(c.toNew(-1)).isEqualTo(Instant.parse("1969-12-31T23:59:59Z"));
        assertThat(c.toLegacy(Instant.parse("2023-11-14T22:13:20Z"))).isEqualTo(1_700_000_000L);
    }

    @Test
    void epochSecondsRefuseAFractionOfASecondAndOverflow() {
        Conversion c = conversion("epoch-seconds-to-timestamp");

        assertThatThrownBy(() -> c.toLegacy(Instant.parse("2024-01-01T00:00:00.5Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fraction below a second");
        assertThatThrownBy(() -> c.toNew(Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the supported range");
        assertThatThrownBy(() -> c.toNew("1700000000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a whole number, got String '1700000000'");
    }

    @Test
    void epochMillisKeepMillisecondsAndRefuseMicroseconds() {
        Conversion c = conversion("epoch-millis-to-timestamp");

        assertThat(c.toNew(1_706_659_200_123L)).isEqualTo(Instant.parse("2024-01-31T00:00:00.123Z"));
        assertThat(c.toLegacy(Instant.parse("2024-01-31T00:00:00.123Z"))).isEqualTo(1_706_659_200_123L);
        assertThat(c.toLegacy(c.toNew(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> c.toLegacy(Instant.parse("2024-01-31T00:00:00.123456Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fraction below a millisecond");
        assertThatThrownBy(() -> c.toLegacy(Instant.ofEpochSecond(Instant.MAX.getEpochSecond())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too far from 1970");
    }

    @Test
    void aTimestampIsReadAsUtcAndKeepsNanoseconds() {
        Conversion c = conversion("timestamp-to-timestamptz");
        LocalDateTime local = LocalDateTime.parse("2024-01-31T10:15:30.123456789");

        assertThat(c.toNew(local)).isEqualTo(Instant.parse("2024-01-31T10:15:30.123456789Z"));
        assertThat(c.toLegacy(Instant.parse("2024-01-31T10:15:30.123456789Z"))).isEqualTo(local);
        assertThatThrownBy(() -> c.toLegacy(Instant.MAX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the range of a timestamp");
        assertThatThrownBy(() -> c.toNew(Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected LocalDateTime, got Instant");
    }

    @Test
    void isoDateTextBecomesADateAndBack() {
        Conversion c = conversion("date-string-to-date");

        assertThat(c.toNew("2024-01-31")).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(c.toLegacy(LocalDate.of(2024, 1, 31))).isEqualTo("2024-01-31");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-1-31", "2024-02-30", "31.01.2024", "", " 2024-01-31"})
    void refusesTextThatIsNotAnIsoDate(String text) {
        assertThatThrownBy(() -> conversion("date-string-to-date").toNew(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + text + "'");
    }

    @Test
    void yyyymmddBecomesADateAndBack() {
        Conversion c = conversion("yyyymmdd-to-date");

        assertThat(c.toNew(20240131)).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(c.toNew(99991231L)).isEqualTo(LocalDate.of(9999, 12, 31));
        assertThat(c.toNew(10101)).isEqualTo(LocalDate.of(1, 1, 1));
        assertThat(c.toLegacy(LocalDate.of(2024, 1, 31))).isEqualTo(20240131);
    }

    @Test
    void yyyymmddRefusesImpossibleDatesAndYearsBeyondFourDigits() {
        Conversion c = conversion("yyyymmdd-to-date");

        assertThatThrownBy(() -> c.toNew(20240230)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20240230 is not a valid yyyymmdd date");
        assertThatThrownBy(() -> c.toNew(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 is not a yyyymmdd date");
        assertThatThrownBy(() -> c.toNew(20241301)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.toLegacy(LocalDate.of(10_000, 1, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside 1 to 9999");
    }

    @Test
    void ynBecomesABooleanAndBack() {
        Conversion c = conversion("yn-to-boolean");

        assertThat(c.toNew("Y")).isEqualTo(true);
        assertThat(c.toNew("N")).isEqualTo(false);
        assertThat(c.toLegacy(true)).isEqualTo("Y");
        assertThat(c.toLegacy(false)).isEqualTo("N");
        assertThatThrownBy(() -> c.toNew("y")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 'Y' or 'N', got 'y'");
        assertThatThrownBy(() -> c.toLegacy("Y")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected Boolean");
    }

    @Test
    void oneAndZeroBecomeABooleanAndBack() {
        Conversion c = conversion("int-to-boolean");

        assertThat(c.toNew((short) 1)).isEqualTo(true);
        assertThat(c.toNew(0L)).isEqualTo(false);
        assertThat(c.toLegacy(true)).isEqualTo(1);
        assertThat(c.toLegacy(false)).isEqualTo(0);
        assertThatThrownBy(() -> c.toNew(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 1 or 0, got 2");
    }

    @Test
    void integerTextBecomesANumberAndBack() {
        Conversion c = conversion("string-to-integer");

        assertThat(c.toNew("-42")).isEqualTo(-42L);
        assertThat(c.toNew("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(c.toLegacy(42)).isEqualTo("42");
        assertThat(c.toLegacy((short) -7)).isEqualTo("-7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"007", "+1", " 1", "1.0", "abc", "", "-0", "9223372036854775808"})
    void refusesIntegerTextThatWouldNotConvertBackToItself(String text) {
        assertThatThrownBy(() -> conversion("string-to-integer").toNew(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + text + "'");
    }

    @Test
    void integerToStringIsTheReverseOfStringToInteger() {
        Conversion c = conversion("integer-to-string");

        assertThat(c.legacyTypes()).containsExactlyInAnyOrder(ColumnType.INT16, ColumnType.INT32, ColumnType.INT64);
        assertThat(c.newTypes()).containsExactly(ColumnType.STRING);
        assertThat(c.toNew(12_345)).isEqualTo("12345");
        assertThat(c.toLegacy("12345")).isEqualTo(12_345L);
        assertThatThrownBy(() -> c.toLegacy("12a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decimalTextKeepsItsScaleBothWays() {
        Conversion c = conversion("string-to-decimal");

        assertThat(c.toNew("-12.50")).isEqualTo(new BigDecimal("-12.50"));
        assertThat(c.toLegacy(new BigDecimal("-12.50"))).isEqualTo("-12.50");
        assertThat(c.toLegacy(new BigDecimal("1E+3"))).isEqualTo("1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1E+3", "+1", "01.5", ".5", "1,5", "", "NaN"})
    void refusesDecimalTextThatIsNotPlain(String text) {
        assertThatThrownBy(() -> conversion("string-to-decimal").toNew(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + text + "'");
    }

    @Test
    void uuidTextBecomesAUuidOnlyInLowerCaseCanonicalForm() {
        Conversion c = conversion("string-to-uuid");
        String text = "123e4567-e89b-12d3-a456-426614174000";

        assertThat(c.toNew(text)).isEqualTo(UUID.fromString(text));
        assertThat(c.toLegacy(UUID.fromString(text))).isEqualTo(text);
        assertThatThrownBy(() -> c.toNew(text.toUpperCase())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower-case");
        assertThatThrownBy(() -> c.toNew("1-2-3-4-5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.toNew("not a uuid")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a UUID");
    }

    @Test
    void refusesNullBecauseTheEngineMapsNullWithoutCallingAConversion() {
        for (String name : Conversions.names()) {
            assertThatThrownBy(() -> conversion(name).toNew(null)).as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("got null");
            assertThatThrownBy(() -> conversion(name).toLegacy(null)).as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("got null");
        }
    }
}
