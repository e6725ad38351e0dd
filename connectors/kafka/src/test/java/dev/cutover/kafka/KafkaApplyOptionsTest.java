package dev.cutover.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaApplyOptionsTest {

    @Test
    void defaultsAreTheDeclaredConstants() {
        KafkaApplyOptions options = KafkaApplyOptions.defaults("g");

        assertThat(options.maxBatchSize()).isEqualTo(KafkaApplyOptions.DEFAULT_MAX_BATCH_SIZE);
        assertThat(options.retryBackoffInitial()).isEqualTo(Duration.ofMillis(100));
        assertThat(options.retryBackoffMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.withMaxBatchSize(10).maxBatchSize()).isEqualTo(10);
        assertThat(options.unlimitedRetries()).as("a service waits out an outage by default").isTrue();
        assertThat(options.groupInstanceId()).isNull();
        assertThat(options.withGroupInstanceId("i-1").groupInstanceId()).isEqualTo("i-1");
    }

    @Test
    void impossibleValuesAreRejectedNamingTheField() {
        assertThatThrownBy(() -> KafkaApplyOptions.defaults(" ")).hasMessageContaining("groupId");
        assertThatThrownBy(() -> KafkaApplyOptions.defaults("g").withMaxBatchSize(0)).hasMessageContaining("maxBatchSize");
        assertThatThrownBy(() -> KafkaApplyOptions.defaults("g").withRetries(-1, Duration.ofMillis(1), Duration.ofMillis(1)))
                .hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> KafkaApplyOptions.defaults("g").withRetries(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("backoff");
        assertThatThrownBy(() -> KafkaApplyOptions.defaults("g").withGroupInstanceId(" ")).hasMessageContaining("groupInstanceId");
    }
}
