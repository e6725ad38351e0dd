package dev.cutover.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.kafka.RecordSizeLimit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    private static final Map<String, String> USER = Map.of(
            "bootstrap.servers", "kafka:9093",
            "security.protocol", "SASL_SSL",
            "sasl.jaas.config", "secret stuff",
            "linger.ms", "20",
            "acks", "1",
            "enable.idempotence", "false",
            "enable.auto.commit", "true");

    @Test
    void theProducerKeepsUserSettingsButAlwaysIsIdempotentWithAcksAll() {
        Map<String, Object> producer = KafkaClients.producer(USER, "p");

        assertThat(producer).containsEntry("security.protocol", "SASL_SSL").containsEntry("linger.ms", "20")
                .containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
                .containsEntry("compression.type", "lz4").containsEntry("client.id", "p");
    }

    @Test
    void theConsumerAlwaysCommitsByHandAndReadsCommittedFromTheEarliestOffset() {
        Map<String, Object> consumer = KafkaClients.consumer(USER, "c", "g", 500);

        assertThat(consumer).containsEntry("enable.auto.commit", "false").containsEntry("isolation.level", "read_committed")
                .containsEntry("auto.offset.reset", "earliest").containsEntry("max.poll.records", "500")
                .containsEntry("group.id", "g").containsEntry("sasl.jaas.config", "secret stuff");
    }

    @Test
    void producersAndConsumersTakeRecordsOfTheLimitWhateverTheUserSet() {
        Map<String, String> user = Map.of("bootstrap.servers", "k:9092", "max.request.size", "1000", "max.partition.fetch.bytes", "1000");
        RecordSizeLimit limit = new RecordSizeLimit(2 * RecordSizeLimit.MIN_BYTES);

        assertThat(KafkaClients.producer(user, "p", limit)).containsEntry("max.request.size", limit.kafkaLimit());
        assertThat(KafkaClients.consumer(user, "c", "g", 10, limit)).containsEntry("max.partition.fetch.bytes", limit.kafkaLimit());
    }

    @Test
    void missingBootstrapServersAreReportedWithTheKeysButNotTheValues() {
        assertThatThrownBy(() -> KafkaClients.admin(Map.of("sasl.jaas.config", "password=hunter2"), "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrap.servers")
                .hasMessageContaining("sasl.jaas.config")
                .hasMessageNotContaining("hunter2");
    }
}
