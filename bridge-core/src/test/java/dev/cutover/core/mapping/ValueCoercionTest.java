package dev.cutover.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.SpecialValue;
import dev.cutover.core.schema.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValueCoercionTest {

    @Test
    void keepsNullAndValuesAlreadyOfTheCanonicalClass() {
        BigDecimal decimal = new BigDecimal("1.50");

        assertThat(ValueCoercion.coerce(null, ColumnType.INT32)).isNull();
        assertThat(ValueCoercion.coerce(decimal, ColumnType.DECIMAL)).isSameAs(decimal);
        assertThat(ValueCoercion.coerce("{}", ColumnType.JSON)).isEqualTo("{}");
    }

    @Test
    void widensWholeNumbers() {
        assertThat(ValueCoercion.coerce((short) 7, ColumnType.INT32)).isEqualTo(7);
        assertThat(ValueCoercion.coerce(7, ColumnType.INT64)).isEqualTo(7L);
        assertThat(ValueCoercion.coerce(7L, ColumnType.DECIMAL)).isEqualTo(BigDecimal.valueOf(7));
        assertThat(ValueCoercion.coerce(new BigInteger("123456789012345678901234567890"), ColumnType.DECIMAL))
                .isEqualTo(new BigDecimal("123456789012345678901234567890"));
    }

    @Test
    void narrowsWholeNumbersOnlyWhenTheyFit() {
        assertThat(ValueCoercion.coerce(32_767L, ColumnType.INT16)).isEqualTo((short) 32_767);
        assertThat(ValueCoercion.coerce(new BigDecimal("5.00"), ColumnType.INT32)).isEqualTo(5);
        assertThat(ValueCoercion.coerce(3.0d, ColumnType.INT32)).isEqualTo(3);
        assertThatThrownBy(() -> ValueCoercion.coerce(1L << 31, ColumnType.INT32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot coerce Long 2147483648 to INT32: out of range -2147483648..2147483647");
        assertThatThrownBy(() -> ValueCoercion.coerce(new BigDecimal("5.5"), ColumnType.INT32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has a fraction");
        assertThatThrownBy(() -> ValueCoercion.coerce(3.5d, ColumnType.INT64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has a fraction");
        assertThatThrownBy(() -> ValueCoercion.coerce(new BigInteger("9223372036854775808"), ColumnType.INT64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
    }

    @Test
    void movesBetweenFloatsWithoutLosingTheValue() {
        assertThat(ValueCoercion.coerce(0.1f, ColumnType.FLOAT64)).isEqualTo((double) 0.1f);
        assertThat(ValueCoercion.coerce((double) 0.1f, ColumnType.FLOAT32)).isEqualTo(0.1f);
        assertThat(ValueCoercion.coerce(0.1d, ColumnType.FLOAT32)).as("same decimal number").isEqualTo(0.1f);
        assertThat(ValueCoercion.coerce(Double.NaN, ColumnType.FLOAT32)).isEqualTo(Float.NaN);
        assertThat(ValueCoercion.coerce(-0.0d, ColumnType.FLOAT32)).isEqualTo(-0.0f);
        assertThat(ValueCoercion.coerce(1L << 53, ColumnType.FLOAT64)).isEqualTo(9.007199254740992E15);
        assertThatThrownBy(() -> ValueCoercion.coerce((1L << 53) + 1, ColumnType.FLOAT64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a double cannot hold it exactly");
        assertThatThrownBy(() -> ValueCoercion.coerce(1e300, ColumnType.FLOAT32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a float cannot hold it exactly");
        assertThatThrownBy(() -> ValueCoercion.coerce(0.123456789d, ColumnType.FLOAT32))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void turnsFloatsIntoDecimalsByTheirPrintedValue() {
        assertThat(ValueCoercion.coerce(0.1d, ColumnType.DECIMAL)).isEqualTo(new BigDecimal("0.1"));
        assertThat(ValueCoercion.coerce(Double.POSITIVE_INFINITY, ColumnType.DECIMAL)).isSameAs(SpecialValue.INFINITY);
    }

    @Test
    void readsTextWrittenTheWayAConfigurationFileSpellsIt() {
        assertThat(ValueCoercion.coerce("1", ColumnType.INT32)).isEqualTo(1);
        assertThat(ValueCoercion.coerce("-12.50", ColumnType.DECIMAL)).isEqualTo(new BigDecimal("-12.50"));
        assertThat(ValueCoercion.coerce("0.25", ColumnType.FLOAT32)).isEqualTo(0.25f);
        assertThat(ValueCoercion.coerce("NaN", ColumnType.FLOAT64)).isEqualTo(Double.NaN);
        assertThat(ValueCoercion.coerce("true", ColumnType.BOOLEAN)).isEqualTo(true);
        assertThat(ValueCoercion.coerce("FALSE", ColumnType.BOOLEAN)).isEqualTo(false);
        assertThat(ValueCoercion.coerce("2024-01-31", ColumnType.DATE)).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(ValueCoercion.coerce("10:15:30", ColumnType.TIME)).isEqualTo(LocalTime.of(10, 15, 30));
        assertThat(ValueCoercion.coerce("2024-01-31T10:15:30", ColumnType.TIMESTAMP)).isEqualTo(LocalDateTime.of(2024, 1, 31, 10, 15, 30));
        assertThat(ValueCoercion.coerce("2024-01-31T10:15:30+02:00", ColumnType.TIMESTAMPTZ)).isEqualTo(Instant.parse("2024-01-31T08:15:30Z"));
        assertThat(ValueCoercion.coerce("123e4567-e89b-12d3-a456-426614174000", ColumnType.UUID))
                .isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    }

    @Test
    void refusesTextThatDoesNotReadAsTheTargetType() {
        assertThatThrownBy(() -> ValueCoercion.coerce("yes", ColumnType.BOOLEAN))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot coerce String 'yes' to BOOLEAN: expected true or false");
        assertThatThrownBy(() -> ValueCoercion.coerce("1x", ColumnType.INT32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a decimal number");
        assertThatThrownBy(() -> ValueCoercion.coerce("0.1000000000000000000001", ColumnType.FLOAT64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot hold it exactly");
        assertThatThrownBy(() -> ValueCoercion.coerce("1-2-3-4-5", ColumnType.UUID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8-4-4-4-12");
        assertThatThrownBy(() -> ValueCoercion.coerce("2024-01-31", ColumnType.TIMESTAMP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("an ISO timestamp");
        assertThatThrownBy(() -> ValueCoercion.coerce("2024-01-31T10:15:30", ColumnType.TIMESTAMPTZ))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("with offset");
        assertThatThrownBy(() -> ValueCoercion.coerce("cafe", ColumnType.BYTES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only byte arrays become BYTES");
    }

    @Test
    void neverTurnsNumbersOrBooleansIntoTextNorOneTemporalTypeIntoAnother() {
        assertThatThrownBy(() -> ValueCoercion.coerce(42, ColumnType.STRING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot coerce Integer 42 to STRING");
        assertThatThrownBy(() -> ValueCoercion.coerce(true, ColumnType.JSON))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot coerce Boolean true to JSON");
        assertThatThrownBy(() -> ValueCoercion.coerce(true, ColumnType.INT32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a number");
        assertThatThrownBy(() -> ValueCoercion.coerce(LocalDate.of(2024, 1, 31), ColumnType.TIMESTAMP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected LocalDateTime");
        assertThatThrownBy(() -> ValueCoercion.coerce(LocalDateTime.of(2024, 1, 31, 0, 0), ColumnType.TIMESTAMPTZ))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected Instant");
    }

    @Test
    void shortensLongTextInMessages() {
        String longText = "x".repeat(100);

        assertThatThrownBy(() -> ValueCoercion.coerce(longText, ColumnType.INT32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + "x".repeat(40) + "...'")
                .hasMessageNotContaining("x".repeat(41));
    }

    @Test
    void describesByteArraysByLengthOnly() {
        assertThat(ValueCoercion.describe(new byte[] {1, 2, 3})).isEqualTo("byte[3]");
    }
}
