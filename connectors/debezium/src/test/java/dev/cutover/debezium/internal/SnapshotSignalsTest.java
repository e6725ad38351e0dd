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
    void jsonStringsEscapeQuotesBackslashesAndControlCharacters() {
        assertThat(SnapshotSignals.jsonString("a\"b\\c\td")).isEqualTo("\"a\\\"b\\\\c\\u0009d\"");
    }
}
