package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.TableId;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SnapshotSignalsTest {

    @Test
    void incrementalSnapshotNamesEveryTableAsAnExactPattern() {
        String data = SnapshotSignals.incrementalSnapshotOf(List.of(new TableId("public", "orders"), new TableId("sales", "order-lines")));

        assertThat(data).isEqualTo("{\"data-collections\": [\"public.orders\", \"sales.order\\\\-lines\"], \"type\": \"incremental\"}");
        assertThat(Pattern.matches("sales.order\\-lines", "sales.order-lines")).isTrue();
    }

    @Test
    void aConditionalSnapshotCarriesTheFilterAsTheTablesAdditionalConditionParsedByDebezium() throws Exception {
        String data = SnapshotSignals.incrementalSnapshotOf(new TableId("public", "cust_mstr"), "(name = 'O\"Brien')");

        io.debezium.document.Document doc = io.debezium.document.DocumentReader.defaultReader().read(data);
        assertThat(doc.getString("type")).isEqualTo("incremental");
        assertThat(doc.getArray("data-collections").streamValues().map(v -> v.asString()).toList()).containsExactly("public.cust_mstr");
        assertThat(doc.getArray("additional-conditions").streamValues().map(v -> v.asDocument()).toList()).singleElement()
                .satisfies(c -> {
                    assertThat(c.getString("data-collection")).isEqualTo("public.cust_mstr");
                    assertThat(c.getString("filter")).isEqualTo("(name = 'O\"Brien')");
                });
    }

    @Test
    void jsonStringsEscapeQuotesBackslashesAndControlCharacters() {
        assertThat(SnapshotSignals.jsonString("a\"b\\c\td")).isEqualTo("\"a\\\"b\\\\c\\u0009d\"");
    }
}
