package dev.cutover.jdbc.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SpecialValue;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    private static String line(ColumnType type, Object value) {
        StringBuilder out = new StringBuilder();
        CopyText.appendRow(out, RowImage.builder().put("c", value).build(), List.of(ColumnDef.of("c", type, "x", true)));
        return out.toString();
    }

    @Test
    void textEscapesTheCharactersCopySplitsOn() {
        assertThat(line(ColumnType.STRING, "a\tb\nc\rd\\e")).isEqualTo("a\\tb\\nc\\rd\\\\e\n");
    }

    @Test
    void nullIsBackslashN() {
        assertThat(line(ColumnType.STRING, null)).isEqualTo("\\N\n");
    }

    @Test
    void columnsAreTabSeparatedInTheGivenOrder() {
        StringBuilder out = new StringBuilder();
        CopyText.appendRow(out, RowImage.builder().put("a", 1).put("b", true).build(),
                List.of(ColumnDef.of("b", ColumnType.BOOLEAN, "bool", false), ColumnDef.of("a", ColumnType.INT32, "int4", false)));

        assertThat(out).hasToString("t\t1\n");
    }

    @Test
    void valuesAreSpelledAsTheirColumnTypeReadsThem() {
        assertThat(line(ColumnType.BYTES, new byte[] {0, -1})).isEqualTo("\\\\x00ff\n");
        assertThat(line(ColumnType.DECIMAL, new BigDecimal("1E+3"))).isEqualTo("1000\n");
        assertThat(line(ColumnType.DECIMAL, new BigDecimal("1.500"))).isEqualTo("1.500\n");
        assertThat(line(ColumnType.FLOAT64, Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity\n");
        assertThat(line(ColumnType.TIMESTAMP, LocalDateTime.of(2020, 1, 2, 3, 4, 5, 6000))).isEqualTo("2020-01-02 03:04:05.000006\n");
        assertThat(line(ColumnType.TIMESTAMPTZ, Instant.parse("2020-01-02T03:04:05Z"))).isEqualTo("2020-01-02 03:04:05+00\n");
        assertThat(line(ColumnType.TIMESTAMP, SpecialValue.INFINITY)).isEqualTo("infinity\n");
    }

    @Test
    void aDateTheTextFormatCannotCarryIsRefused() {
        assertThatThrownBy(() -> line(ColumnType.DATE, LocalDate.of(10_000, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 'c'");
    }
}
