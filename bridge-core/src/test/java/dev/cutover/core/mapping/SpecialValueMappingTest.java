package dev.cutover.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.SpecialValue;
import dev.cutover.core.schema.ColumnType;
import org.junit.jupiter.api.Test;

/** PostgreSQL's infinities and NaN through coercion and the built-in conversions: carried exactly or refused. */
class SpecialValueMappingTest {

    @Test
    void aSpecialValueStaysItselfInEveryTypeThatHoldsIt() {
        for (ColumnType type : new ColumnType[] {ColumnType.DATE, ColumnType.TIMESTAMP, ColumnType.TIMESTAMPTZ, ColumnType.DECIMAL}) {
            assertThat(ValueCoercion.coerce(SpecialValue.INFINITY, type)).isSameAs(SpecialValue.INFINITY);
            assertThat(ValueCoercion.coerce(SpecialValue.NEGATIVE_INFINITY, type)).isSameAs(SpecialValue.NEGATIVE_INFINITY);
            assertThat(type.accepts(SpecialValue.INFINITY)).isTrue();
        }
        assertThat(ValueCoercion.coerce(SpecialValue.NAN, ColumnType.DECIMAL)).isSameAs(SpecialValue.NAN);
    }

    @Test
    void numericSpecialValuesBecomeTheEqualFloatsAndFloatsComeBack() {
        assertThat(ValueCoercion.coerce(SpecialValue.NAN, ColumnType.FLOAT64)).isEqualTo(Double.NaN);
        assertThat(ValueCoercion.coerce(SpecialValue.INFINITY, ColumnType.FLOAT64)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ValueCoercion.coerce(SpecialValue.NEGATIVE_INFINITY, ColumnType.FLOAT32)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(ValueCoercion.coerce(Double.NaN, ColumnType.DECIMAL)).isSameAs(SpecialValue.NAN);
        assertThat(ValueCoercion.coerce(Float.POSITIVE_INFINITY, ColumnType.DECIMAL)).isSameAs(SpecialValue.INFINITY);
        assertThat(ValueCoercion.coerce(Double.NEGATIVE_INFINITY, ColumnType.DECIMAL)).isSameAs(SpecialValue.NEGATIVE_INFINITY);
    }

    @Test
    void aTypeThatCannotHoldASpecialValueRefusesIt() {
        assertThat(ColumnType.DATE.accepts(SpecialValue.NAN)).isFalse();
        assertThatThrownBy(() -> ValueCoercion.coerce(SpecialValue.NAN, ColumnType.TIMESTAMP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN").hasMessageContaining("TIMESTAMP");
        assertThatThrownBy(() -> ValueCoercion.coerce(SpecialValue.INFINITY, ColumnType.INT64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> ValueCoercion.coerce(SpecialValue.INFINITY, ColumnType.STRING))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTimestampReadAsUtcKeepsItsInfinityBothWays() {
        Conversion c = Conversions.find("timestamp-to-timestamptz").orElseThrow();

        assertThat(c.toNew(SpecialValue.INFINITY)).isSameAs(SpecialValue.INFINITY);
        assertThat(c.toLegacy(SpecialValue.NEGATIVE_INFINITY)).isSameAs(SpecialValue.NEGATIVE_INFINITY);
    }

    @Test
    void epochConversionsRefuseInfinityRatherThanCountingSecondsToIt() {
        Conversion c = Conversions.find("epoch-seconds-to-timestamp").orElseThrow();

        assertThatThrownBy(() -> c.toLegacy(SpecialValue.INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
    }

    @Test
    void postgresSpellingsParseByColumnType() {
        assertThat(SpecialValue.parse("infinity", ColumnType.DATE)).isSameAs(SpecialValue.INFINITY);
        assertThat(SpecialValue.parse("-infinity", ColumnType.TIMESTAMPTZ)).isSameAs(SpecialValue.NEGATIVE_INFINITY);
        assertThat(SpecialValue.parse("NaN", ColumnType.DECIMAL)).isSameAs(SpecialValue.NAN);
        assertThat(SpecialValue.parse("-Infinity", ColumnType.DECIMAL)).isSameAs(SpecialValue.NEGATIVE_INFINITY);
        assertThat(SpecialValue.parse("NaN", ColumnType.DATE)).isNull();
        assertThat(SpecialValue.parse("1.5", ColumnType.DECIMAL)).isNull();
        assertThat(SpecialValue.INFINITY.text(ColumnType.TIMESTAMP)).isEqualTo("infinity");
        assertThat(SpecialValue.INFINITY.text(ColumnType.DECIMAL)).isEqualTo("Infinity");
    }
}
