package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.SpecialValue;
import io.debezium.connector.postgresql.PostgresValueConverter;
import io.debezium.data.SpecialValueDecimal;
import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;
import io.debezium.time.Date;
import io.debezium.time.MicroTimestamp;
import io.debezium.time.ZonedTimestamp;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** PostgreSQL's infinities and NaN as Debezium hands them over become {@link SpecialValue}s, ordinary values stay as they were. */
class SpecialValuesCaptureTest {

    private final CanonicalValues values = new CanonicalValues(CanonicalValues.DEFAULT_UNAVAILABLE_PLACEHOLDER);

    @Test
    void timestamptzInfinitiesArriveAsTheTextDebeziumPassesThrough() {
        Schema schema = ZonedTimestamp.builder().optional().build();

        assertThat(values.convert(schema, "infinity")).isSameAs(SpecialValue.INFINITY);
        assertThat(values.convert(schema, "-infinity")).isSameAs(SpecialValue.NEGATIVE_INFINITY);
        assertThat(values.convert(schema, "2024-02-29T18:29:59.123456Z")).isEqualTo(Instant.parse("2024-02-29T18:29:59.123456Z"));
    }

    @Test
    void timestampInfinitiesAreRecognisedByTheMicrosecondsDebeziumDecodesThemTo() {
        Schema schema = MicroTimestamp.builder().optional().build();

        assertThat(values.convert(schema, micros(PostgresValueConverter.POSITIVE_INFINITY_LOCAL_DATE_TIME))).isSameAs(SpecialValue.INFINITY);
        assertThat(values.convert(schema, micros(PostgresValueConverter.NEGATIVE_INFINITY_LOCAL_DATE_TIME)))
                .isSameAs(SpecialValue.NEGATIVE_INFINITY);
        LocalDateTime ordinary = LocalDateTime.of(294247, 1, 10, 4, 0, 25, 100_000_000);
        assertThat(values.convert(schema, micros(ordinary))).isEqualTo(ordinary);
    }

    @Test
    void dateInfinitiesAreRecognisedByTheDaysDebeziumDecodesThemToNotTurnedIntoAncientDates() {
        Schema schema = Date.builder().optional().build();

        assertThat(values.convert(schema, (int) PostgresValueConverter.POSITIVE_INFINITY_LOCAL_DATE.toEpochDay())).isSameAs(SpecialValue.INFINITY);
        assertThat(values.convert(schema, (int) PostgresValueConverter.NEGATIVE_INFINITY_LOCAL_DATE.toEpochDay()))
                .isSameAs(SpecialValue.NEGATIVE_INFINITY);
        assertThat(values.convert(schema, (int) LocalDate.of(-4712, 1, 1).toEpochDay())).isEqualTo(LocalDate.of(-4712, 1, 1));
    }

    @Test
    void numericConverterKeepsSpecialValuesAndEveryDigitOfOrdinaryOnes() {
        Schema schema = numericSchema();

        assertThat(schema.name()).isEqualTo(PostgresNumericConverter.SCHEMA_NAME);
        assertThat(values.convert(schema, PostgresNumericConverter.text(SpecialValueDecimal.NOT_A_NUMBER))).isSameAs(SpecialValue.NAN);
        assertThat(values.convert(schema, PostgresNumericConverter.text(SpecialValueDecimal.POSITIVE_INF))).isSameAs(SpecialValue.INFINITY);
        assertThat(values.convert(schema, PostgresNumericConverter.text(SpecialValueDecimal.NEGATIVE_INF)))
                .isSameAs(SpecialValue.NEGATIVE_INFINITY);
        Object decimal = values.convert(schema, PostgresNumericConverter.text(new SpecialValueDecimal(new BigDecimal("-12345678901234567890.1200"))));
        assertThat(decimal).isInstanceOf(BigDecimal.class);
        assertThat(((BigDecimal) decimal).toPlainString()).isEqualTo("-12345678901234567890.1200");
        assertThat(PostgresNumericConverter.text(null)).isNull();
    }

    @Test
    void numericConverterLeavesOtherTypesToDebezium() {
        assertThat(register("int4")).isNull();
        assertThat(register("float8")).isNull();
        assertThat(register("decimal")).isNotNull();
    }

    private static Schema numericSchema() {
        return register("numeric").optional().build();
    }

    private static SchemaBuilder register(String typeName) {
        AtomicReference<SchemaBuilder> registered = new AtomicReference<>();
        CustomConverter.ConverterRegistration<SchemaBuilder> registration = (schema, converter) -> registered.set(schema);
        new PostgresNumericConverter().converterFor(column(typeName), registration);
        return registered.get();
    }

    private static RelationalColumn column(String typeName) {
        return new RelationalColumn() {
            @Override
            public String name() {
                return "amount";
            }

            @Override
            public String dataCollection() {
                return "public.t";
            }

            @Override
            public String typeName() {
                return typeName;
            }

            @Override
            public String typeExpression() {
                return typeName;
            }

            @Override
            public OptionalInt scale() {
                return OptionalInt.empty();
            }

            @Override
            public int nativeType() {
                return 0;
            }

            @Override
            public OptionalInt length() {
                return OptionalInt.empty();
            }

            @Override
            public int jdbcType() {
                return java.sql.Types.NUMERIC;
            }

            @Override
            public boolean isOptional() {
                return true;
            }

            @Override
            public boolean hasDefaultValue() {
                return false;
            }

            @Override
            public Object defaultValue() {
                return null;
            }

            @Override
            public String charsetName() {
                return null;
            }
        };
    }

    private static long micros(LocalDateTime time) {
        return time.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + time.getNano() / 1_000L;
    }
}
