package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void parsesWholeNumbersOfBinaryUnits() {
        assertThat(ByteSize.parse("1GiB").bytes()).isEqualTo(1L << 30);
        assertThat(ByteSize.parse("512MiB").bytes()).isEqualTo(512L << 20);
        assertThat(ByteSize.parse("3 KiB").bytes()).isEqualTo(3 * 1024);
        assertThat(ByteSize.parse("7B").bytes()).isEqualTo(7);
    }

    @Test
    void printsInTheLargestUnitThatDividesExactlySoItReadsBackTheSame() {
        assertThat(ByteSize.parse("1024MiB")).hasToString("1GiB");
        assertThat(new ByteSize(1536 * 1024)).hasToString("1536KiB");
        assertThat(new ByteSize(1000)).hasToString("1000B");
        assertThat(new ByteSize(0)).hasToString("0B");
        assertThat(ByteSize.parse(new ByteSize(5L << 40).toString()).bytes()).isEqualTo(5L << 40);
    }

    @Test
    void approximatesForPeopleWithOneDecimal() {
        assertThat(ByteSize.approximate(117_300_000)).isEqualTo("111.9 MiB");
        assertThat(ByteSize.approximate(512)).isEqualTo("512 B");
        assertThat(ByteSize.approximate(1L << 30)).isEqualTo("1.0 GiB");
    }

    @Test
    void rejectsDecimalUnitsFractionsAndOverflowNamingTheText() {
        assertThatThrownBy(() -> ByteSize.parse("1GB")).hasMessageContaining("'1GB'");
        assertThatThrownBy(() -> ByteSize.parse("1.5GiB")).hasMessageContaining("'1.5GiB'");
        assertThatThrownBy(() -> ByteSize.parse("9999999999TiB")).hasMessageContaining("larger than");
    }
}
