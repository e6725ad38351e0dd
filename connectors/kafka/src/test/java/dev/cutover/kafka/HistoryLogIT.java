package dev.cutover.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.lifecycle.HistoryEntry;
import dev.cutover.core.lifecycle.HistoryOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class HistoryLogIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant START = Instant.parse("2024-06-01T08:00:00Z");

    private final Items items = new Items();

    private static HistoryEntry of(int second, String binding, String event, HistoryOutcome outcome) {
        return new HistoryEntry(START.plusSeconds(second), binding, event, outcome, event + " " + outcome.label(),
                Map.of("step", Integer.toString(second)));
    }

    @Test
    void theHistoryTopicHasOnePartitionAndKeepsEveryRecord() throws Exception {
        items.withTopics(3);
        String topic = TopicNames.history(items.bridge);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", items.client.get("bootstrap.servers")))) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);

            assertThat(topic).isEqualTo(items.bridge + "._history");
            assertThat(description.partitions()).hasSize(1);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
        }
    }

    @Test
    void entriesAreReadBackInOrderFilteredByBindingAndKeyedByBinding() throws Exception {
        items.withTopics(1);
        List<HistoryEntry> entries = List.of(of(0, null, "bridge-start", HistoryOutcome.DONE),
                of(1, "items", "pause", HistoryOutcome.DONE), of(2, "orders", "switch-drain", HistoryOutcome.STARTED),
                of(3, "items", "resume", HistoryOutcome.DONE), of(4, "orders", "switch-drain", HistoryOutcome.FAILED));
        try (KafkaHistorySink sink = new KafkaHistorySink(items.bridge, items.client)) {
            for (HistoryEntry e : entries) {
                sink.record(e);
            }
        }

        HistoryLogReader reader = new HistoryLogReader(items.bridge, items.client, TIMEOUT);

        assertThat(reader.readAll()).containsExactlyElementsOf(entries);
        assertThat(reader.read(null)).containsExactlyElementsOf(entries);
        assertThat(reader.read("items")).containsExactly(entries.get(1), entries.get(3));
        assertThat(reader.read("nothing")).isEmpty();
        List<ConsumerRecord<byte[], byte[]>> records = TestTopics.readAll(items.client, TopicNames.history(items.bridge));
        assertThat(records).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("", "items", "orders", "items", "orders");
    }

    @Test
    void aNewReaderSeesTheWholeHistoryInOrderIncludingWhatWasRecordedSinceAndSkipsForeignRecords() throws Exception {
        items.withTopics(1);
        HistoryEntry first = of(0, null, "bridge-start", HistoryOutcome.DONE);
        HistoryEntry second = of(1, null, "bridge-stop", HistoryOutcome.DONE);
        HistoryEntry third = of(2, null, "bridge-start", HistoryOutcome.DONE);
        try (KafkaHistorySink sink = new KafkaHistorySink(items.bridge, items.client)) {
            sink.record(first);
            sink.record(second);
        }
        assertThat(new HistoryLogReader(items.bridge, items.client, TIMEOUT).readAll()).containsExactly(first, second);
        try (KafkaProducer<byte[], byte[]> foreign = new KafkaProducer<>(Map.of("bootstrap.servers", items.client.get("bootstrap.servers")),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            foreign.send(new ProducerRecord<>(TopicNames.history(items.bridge), "not history".getBytes(StandardCharsets.UTF_8))).get();
        }
        try (KafkaHistorySink restarted = new KafkaHistorySink(items.bridge, items.client)) {
            restarted.record(third);
        }

        assertThat(new HistoryLogReader(items.bridge, items.client, TIMEOUT).readAll()).containsExactly(first, second, third);
    }

    @Test
    void readingTheHistoryOfABridgeWithoutTopicsNamesTheTopic() {
        HistoryLogReader reader = new HistoryLogReader(items.bridge, items.client, Duration.ofSeconds(5));

        assertThatThrownBy(reader::readAll).isInstanceOf(KafkaOperationException.class)
                .hasMessageContaining(TopicNames.history(items.bridge)).hasMessageContaining("does not exist");
    }
}
