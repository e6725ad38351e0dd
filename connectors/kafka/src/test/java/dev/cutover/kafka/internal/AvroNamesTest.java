package dev.cutover.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AvroNamesTest {

    @Test
    void validNamesStayAsTheyAre() {
        assertThat(AvroNames.sanitize("customer_id")).isEqualTo("customer_id");
        assertThat(AvroNames.sanitize("_x9")).isEqualTo("_x9");
        assertThat(AvroNames.isValid("Order2")).isTrue();
    }

    @Test
    void everyOtherCharacterBecomesAnUnderscoreAndALeadingDigitGetsOne() {
        assertThat(AvroNames.sanitize("order id")).isEqualTo("order_id");
        assertThat(AvroNames.sanitize("2fa")).isEqualTo("_2fa");
        assertThat(AvroNames.sanitize("prix€")).isEqualTo("prix_");
        assertThat(AvroNames.sanitize("")).isEqualTo("_");
        assertThat(AvroNames.isValid("a-b")).isFalse();
    }

    @Test
    void namespacesAreSanitisedPartByPart() {
        assertThat(AvroNames.namespace("dev.cutover", "my-bridge.v2", "new")).isEqualTo("dev.cutover.my_bridge.v2.new");
        assertThat(AvroNames.namespace("dev.cutover", "1st")).isEqualTo("dev.cutover._1st");
    }

    @Test
    void collidingFieldNamesGetSuffixesAndValidNamesWin() {
        assertThat(AvroNames.fieldNames(List.of("a-b", "a_b", "a b", "a_b_2")))
                .containsExactly("a_b_3", "a_b", "a_b_4", "a_b_2");
    }
}
