package dev.cutover.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void changeTopicOfAPublicTableIsBridgeSideAndTable() {
        assertThat(TopicNames.changes("shop", SystemSide.NEW, new TableId("public", "customers")))
                .isEqualTo("shop.new.customers");
        assertThat(TopicNames.changes("shop", SystemSide.LEGACY, new TableId("public", "CUSTOMERS")))
                .isEqualTo("shop.legacy.CUSTOMERS");
    }

    @Test
    void changeTopicOfAnotherSchemaPrefixesTheSchema() {
        assertThat(TopicNames.changes("shop", SystemSide.NEW, new TableId("billing", "invoices")))
                .isEqualTo("shop.new.billing_invoices");
    }

    @Test
    void changeTopicOfATableWithoutSchemaIsTheTableAlone() {
        assertThat(TopicNames.changes("shop", SystemSide.NEW, new TableId("", "orders"))).isEqualTo("shop.new.orders");
    }

    @Test
    void illegalCharactersAndDotsInTableNamesBecomeUnderscores() {
        assertThat(TopicNames.changes("shop", SystemSide.NEW, new TableId("my schema", "order items.v2")))
                .isEqualTo("shop.new.my_schema_order_items_v2");
        assertThat(TopicNames.changes("shop", SystemSide.NEW, new TableId("public", "größe-ü")))
                .isEqualTo("shop.new.gr__e-_");
    }

    @Test
    void schemasDeadLetterAndConflictTopicsAreUnderscoredNames() {
        assertThat(TopicNames.schemas("shop")).isEqualTo("shop._schemas");
        assertThat(TopicNames.deadLetters("shop")).isEqualTo("shop._deadletter");
        assertThat(TopicNames.conflicts("shop")).isEqualTo("shop._conflicts");
    }

    @Test
    void anIllegalBridgeNameIsRejectedWithTheName() {
        assertThatThrownBy(() -> TopicNames.schemas("my bridge"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'my bridge'");
        assertThatThrownBy(() -> TopicNames.schemas("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNameLongerThanKafkaAllowsIsRejected() {
        assertThatThrownBy(() -> TopicNames.changes("b", SystemSide.NEW, new TableId("public", "t".repeat(250))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("249");
    }
}
