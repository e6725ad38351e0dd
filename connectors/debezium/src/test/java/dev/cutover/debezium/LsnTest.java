package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LsnTest {

    @Test
    void formatsAsPostgresPrints() {
        assertThat(Lsn.format(0x16B3748L)).isEqualTo("0/16B3748");
        assertThat(Lsn.format(0x16_B374D848L)).isEqualTo("16/B374D848");
        assertThat(Lsn.format(0L)).isEqualTo("0/0");
    }

    @Test
    void parsesWhatItFormats() {
        assertThat(Lsn.parse("16/B374D848")).isEqualTo(new Lsn(0x16_B374D848L));
        assertThat(Lsn.parse("0/16b3748").toString()).isEqualTo("0/16B3748");
    }

    @Test
    void ordersAsUnsignedPositions() {
        assertThat(Lsn.parse("1/0").isAfter(Lsn.parse("0/FFFFFFFF"))).isTrue();
        assertThat(Lsn.parse("FFFFFFFF/0").isAfter(Lsn.parse("1/0"))).isTrue();
        assertThat(Lsn.parse("0/10").compareTo(Lsn.parse("0/10"))).isZero();
    }

    @Test
    void refusesMalformedText() {
        assertThatThrownBy(() -> Lsn.parse("16B3748")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lsn.parse("0/XYZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lsn.parse("123456789/0")).isInstanceOf(IllegalArgumentException.class);
    }
}
