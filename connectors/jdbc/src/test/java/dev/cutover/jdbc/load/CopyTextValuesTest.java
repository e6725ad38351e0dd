package dev.cutover.jdbc.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.SpecialValue;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CopyTextValuesTest {

    private static Object read(ColumnType type, String text) throws UnreadableTextException {
        return CopyTextValues.read(ColumnDef.of("c", type, "x", true), text);
    }

    @Test
    void readsEachTypeAsItsCanonicalValue() throws Exception {
        assertThat(read(ColumnType.BOOLEAN, "t")).isEqualTo(true);
        assertThat(read(ColumnType.INT16, "-7")).isEqualTo((short) -7);
        assertThat(read(ColumnType.INT32, "40000")).isEqualTo(40_000);
        assertThat(read(ColumnType.INT64, "5000000000")).isEqualTo(5_000_000_000L);
        assertThat(read(ColumnType.FLOAT32, "1.5")).isEqualTo(1.5f);
        assertThat(read(ColumnType.FLOAT64, "0.1")).isEqualTo(0.1d);
        assertThat(read(ColumnType.DECIMAL, "12.50")).isEqualTo(new BigDecimal("12.50"));
        assertThat(read(ColumnType.BYTES, "\\x00ff")).isEqualTo(new byte[] {0, -1});
        assertThat(read(ColumnType.UUID, "123e4567-e89b-12d3-a456-426614174000")).isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        assertThat(read(ColumnType.DATE, "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(read(ColumnType.TIME, "10:15:30.5")).isEqualTo(LocalTime.of(10, 15, 30, 500_000_000));
        assertThat(read(ColumnType.TIMESTAMP, "2020-01-02 03:04:05.000006")).isEqualTo(LocalDateTime.of(2020, 1, 2, 3, 4, 5, 6_000));
        assertThat(read(ColumnType.TIMESTAMPTZ, "2024-02-29 23:59:59.123456+00")).isEqualTo(Instant.parse("2024-02-29T23:59:59.123456Z"));
        assertThat(read(ColumnType.JSON, "{\"a\": 1}")).isEqualTo("{\"a\": 1}");
    }

    @Test
    void namedValuesAreSpecialValues() throws Exception {
        assertThat(read(ColumnType.DECIMAL, "NaN")).isEqualTo(SpecialValue.NAN);
        assertThat(read(ColumnType.TIMESTAMP, "infinity")).isEqualTo(SpecialValue.INFINITY);
        assertThat(read(ColumnType.DATE, "-infinity")).isEqualTo(SpecialValue.NEGATIVE_INFINITY);
    }

    @Test
    void spellingsItDoesNotKnowForSureAreUnreadable() {
        assertThatThrownBy(() -> read(ColumnType.DATE, "0044-03-15 BC")).isInstanceOf(UnreadableTextException.class);
        assertThatThrownBy(() -> read(ColumnType.DATE, "10000-01-01")).isInstanceOf(UnreadableTextException.class);
        assertThatThrownBy(() -> read(ColumnType.TIMESTAMPTZ, "2024-01-01 00:00:00+02")).isInstanceOf(UnreadableTextException.class);
        assertThatThrownBy(() -> read(ColumnType.TIME, "24:00:00")).isInstanceOf(UnreadableTextException.class)
                .hasMessageContaining("column 'c'");
        assertThatThrownBy(() -> read(ColumnType.BOOLEAN, "true")).isInstanceOf(UnreadableTextException.class);
        assertThatThrownBy(() -> read(ColumnType.BYTES, "\\001")).isInstanceOf(UnreadableTextException.class);
    }
}
