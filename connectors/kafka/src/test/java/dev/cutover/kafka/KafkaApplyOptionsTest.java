package dev.cutover.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaApplyOptionsTest {

    @Test
    void defaultsAreTheDeclaredConstants() {
        KafkaApplyOptions options = KafkaApplyOptions.of("g", 2000, Duration.ofSeconds(30));

        assertThat(options.maxBatchSize()).isEqualTo(2000);
        assertThat(KafkaApplyOptions.of("g", 10, Duration.ofMillis(50)).retryBackoffInitial())
                .as("a cap below the first delay lowers it").isEqualTo(Duration.ofMillis(50));
        assertThat(options.retryBackoffInitial()).isEqualTo(Duration.ofMillis(100));
        assertThat(options.retryBackoffMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.withMaxBatchSize(10).maxBatchSize()).isEqualTo(10);
        assertThat(options.unlimitedRetries()).as("a service waits out an outage by default").isTrue();
        assertThat(options.groupInstanceId()).isNull();
        assertThat(options.withGroupInstanceId("i-1").groupInstanceId()).isEqualTo("i-1");
    }

    @Test
    void impossibleValuesAreRejectedNamingTheField() {
        assertThatThrownBy(() -> KafkaApplyOptions.of(" ", 2000, Duration.ofSeconds(30))).hasMessageContaining("groupId");
        assertThatThrownBy(() -> KafkaApplyOptions.of("g", 2000, Duration.ofSeconds(30)).withMaxBatchSize(0)).hasMessageContaining("maxBatchSize");
        assertThatThrownBy(() -> KafkaApplyOptions.of("g", 2000, Duration.ofSeconds(30)).withRetries(-1, Duration.ofMillis(1), Duration.ofMillis(1)))
                .hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> KafkaApplyOptions.of("g", 2000, Duration.ofSeconds(30)).withRetries(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("backoff");
        assertThatThrownBy(() -> KafkaApplyOptions.of("g", 2000, Duration.ofSeconds(30)).withGroupInstanceId(" ")).hasMessageContaining("groupInstanceId");
    }
}
