package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignalColumnsTest {

    @Test
    void aTableThatStartsWithIdTypeDataFitsWhateverFollows() {
        assertThat(SignalColumns.fit(List.of("id", "type", "data"))).isTrue();
        assertThat(SignalColumns.fit(List.of("id", "type", "data", "created_at"))).isTrue();
    }

    @Test
    void otherOrdersFewerColumnsAndNoTableDoNotFit() {
        assertThat(SignalColumns.fit(List.of("type", "id", "data"))).isFalse();
        assertThat(SignalColumns.fit(List.of("id", "type"))).isFalse();
        assertThat(SignalColumns.fit(List.of())).isFalse();
    }
}
