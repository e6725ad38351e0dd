package dev.cutover.jdbc.internal;

import static dev.cutover.jdbc.testing.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.RowImage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyOrderTest {

    @Test
    void ordersColumnByColumnInKeyOrderWithNullFirst() {
        List<RowImage> keys = new ArrayList<>(List.of(row("a", 2L, "b", "x"), row("a", 1L, "b", "y"), row("a", 1L, "b", null),
                row("a", 1L, "b", "x")));

        keys.sort(new KeyOrder(List.of("a", "b")));

        assertThat(keys).containsExactly(row("a", 1L, "b", null), row("a", 1L, "b", "x"), row("a", 1L, "b", "y"), row("a", 2L, "b", "x"));
    }

    @Test
    void comparesDecimalsByValueAndBytesUnsigned() {
        assertThat(KeyOrder.compareValues(new BigDecimal("1.50"), new BigDecimal("1.5"))).isZero();
        assertThat(KeyOrder.compareValues(new BigDecimal("2"), new BigDecimal("10"))).isNegative();
        assertThat(KeyOrder.compareValues(new byte[] {(byte) 0x7f}, new byte[] {(byte) 0x80})).isNegative();
    }
}
