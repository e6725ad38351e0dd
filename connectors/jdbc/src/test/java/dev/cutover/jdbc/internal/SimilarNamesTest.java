package dev.cutover.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarNamesTest {

    @Test
    void ranksCaseVariantsFirstThenContainmentAndTyposByDistanceThenLength() {
        List<String> tables = List.of("orders", "Order", "order_items", "ordr", "customers", "odrer");

        assertThat(SimilarNames.rank("order", tables)).containsExactly("Order", "orders", "ordr", "order_items", "odrer");
    }

    @Test
    void suggestsNothingWhenNothingIsClose() {
        assertThat(SimilarNames.rank("payments", List.of("customers", "invoices"))).isEmpty();
    }

    @Test
    void suggestsAtMostFive() {
        assertThat(SimilarNames.rank("t1", List.of("t2", "t3", "t4", "t5", "t6", "t7", "t8"))).hasSize(5);
    }

    @Test
    void measuresEditDistance() {
        assertThat(SimilarNames.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(SimilarNames.distance("", "abc")).isEqualTo(3);
    }
}
