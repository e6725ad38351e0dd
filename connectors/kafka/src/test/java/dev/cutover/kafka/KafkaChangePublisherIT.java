package dev.cutover.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.pipeline.spi.PublishRefusal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class KafkaChangePublisherIT {

    private final Items items = new Items();

    @Test
    void everyChangeOfARowLandsInOnePartitionInOrderAndADeleteIsFollowedByATombstone() throws Exception {
        items.withTopics(4);
        List<ChangeEvent> published = new ArrayList<>();
        for (long id = 1; id <= 12; id++) {
            published.add(items.create(id, 1));
        }
        for (long id = 1; id <= 12; id++) {
            published.add(items.update(id, 2));
        }
        published.add(items.delete(5));

        try (KafkaChangePublisher publisher = new KafkaChangePublisher(items.bridge, items.client, List.of(items.route))) {
            publisher.publish("items", published.subList(0, 12));
            publisher.publish("items", published.subList(12, published.size()));
        }

        ChangeEventCodec codec = ChangeEventCodec.forRoute(items.bridge, items.route);
        List<ConsumerRecord<byte[], byte[]>> records = TestTopics.readAll(items.client, items.route.topic());
        assertThat(records).hasSize(published.size() + 1);
        Map<RowImage, Integer> partitionOfKey = new HashMap<>();
        Map<RowImage, List<String>> historyOfKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            RowImage key = codec.decodeKey(r.key());
            assertThat(partitionOfKey.computeIfAbsent(key, k -> r.partition())).as("partition of %s", key).isEqualTo(r.partition());
            historyOfKey.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(r.value() == null ? "tombstone" : codec.decode(r.value()).operation().code());
            assertThat(new String(r.headers().lastHeader(KafkaChangePublisher.ORIGIN_HEADER).value(), StandardCharsets.UTF_8))
                    .isEqualTo("legacy");
        }
        assertThat(partitionOfKey.values()).as("keys spread over partitions").hasSizeGreaterThan(1);
        assertThat(historyOfKey.get(RowImage.builder().put("id", 5L).build())).containsExactly("c", "u", "d", "tombstone");
        assertThat(historyOfKey.get(RowImage.builder().put("id", 6L).build())).containsExactly("c", "u");
        List<ChangeEvent> decoded = records.stream().filter(r -> r.value() != null).map(r -> codec.decode(r.value())).toList();
        assertThat(decoded).containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void theSchemasTopicLetsAReaderThatKnowsNothingOfTheTableDecode() throws Exception {
        items.withTopics(1);
        BindingRoute allTypes = BindingRoute.of(items.bridge, "all", TestTables.allTypes(), SystemSide.NEW);
        try (KafkaTopicAdmin admin = new KafkaTopicAdmin(items.client)) {
            admin.ensureTopics(items.bridge, List.of(items.route, allTypes), new TopicSettings(1, (short) 1));
        }
        ChangeEvent create = TestTables.create(TestTables.allTypesRow(1));
        ChangeEvent update = ChangeEvent.update(SystemSide.LEGACY, TestTables.ALL_TYPES_TABLE, List.of("id"),
                TestTables.allTypesRow(1), TestTables.allTypesRowWithoutNulls(1), TestTables.COMMIT,
                new SourcePosition("lsn", "0/AA"), "tx");
        ChangeEvent partialUpdate = TestTables.update(TestTables.without(TestTables.allTypesRowWithoutNulls(1), "c_json", "n_json"));
        try (KafkaChangePublisher publisher = new KafkaChangePublisher(items.bridge, items.client, List.of(items.route, allTypes))) {
            publisher.publish("all", List.of(create, update, partialUpdate));
        }

        List<ChangeEvent> decoded = new ArrayList<>();
        try (SchemaTopicReader reader = new SchemaTopicReader(items.bridge, items.client, Duration.ofSeconds(30))) {
            ChangeEventCodec fresh = reader.codecFor(allTypes.topic());
            for (ConsumerRecord<byte[], byte[]> r : TestTopics.readAll(items.client, allTypes.topic())) {
                decoded.add(fresh.decode(r.value()));
            }
            assertThat(reader.latest(items.route.topic())).as("no schemas before the first change of a topic").isEmpty();
        }
        assertThat(decoded).hasSize(3);
        assertThat(decoded.get(0).after()).isEqualTo(create.after());
        assertThat(decoded.get(1)).usingRecursiveComparison().ignoringFields("before", "after").isEqualTo(update);
        assertThat(decoded.get(1).before()).isEqualTo(update.before());
        assertThat(decoded.get(1).after()).isEqualTo(update.after());
        assertThat(decoded.get(2).after()).isEqualTo(partialUpdate.after());
        assertThat(decoded.get(2).after().columns()).doesNotContain("c_json", "n_json");

        List<ConsumerRecord<byte[], byte[]>> schemaRecords = TestTopics.readAll(items.client, TopicNames.schemas(items.bridge));
        assertThat(schemaRecords).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly(
                AvroSchemas.fingerprintHex(AvroSchemas.keySchema(items.bridge, SystemSide.NEW, TestTables.allTypes())),
                AvroSchemas.fingerprintHex(AvroSchemas.valueSchema(items.bridge, SystemSide.NEW, TestTables.allTypes())));
        assertThat(schemaRecords).extracting(r -> new String(r.headers().lastHeader(SchemaTopic.SUBJECT_HEADER).value(), StandardCharsets.UTF_8))
                .containsOnly(allTypes.topic());
    }

    @Test
    void aChangeThatDoesNotFitTheSchemaIsRefusedAndTheRestOfTheCallIsSent() throws Exception {
        items.withTopics(1);
        ChangeEvent bad = ChangeEvent.create(SystemSide.LEGACY, Items.TABLE, List.of("id"),
                RowImage.builder().put("id", 2L).put("name", "x").put("version", null).build(),
                Instant.now(), SourcePosition.NONE, null);

        try (KafkaChangePublisher publisher = new KafkaChangePublisher(items.bridge, items.client, List.of(items.route))) {
            List<PublishRefusal> refused = publisher.publish("items", List.of(items.create(1, 1), bad, items.create(3, 1)));

            assertThat(refused).singleElement().satisfies(r -> {
                assertThat(r.change()).isSameAs(bad);
                assertThat(r.stage()).isEqualTo(PublishRefusal.ENCODE);
                assertThat(r.reason()).contains("binding 'items'", "'version' is NOT NULL", "id=2");
            });
            assertThatThrownBy(() -> publisher.publish("nope", List.of(items.create(1, 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'nope'")
                    .hasMessageContaining("items");
        }
        ChangeEventCodec codec = ChangeEventCodec.forRoute(items.bridge, items.route);
        assertThat(TestTopics.readAll(items.client, items.route.topic()))
                .extracting(r -> codec.decode(r.value()).key().get("id")).containsExactly(1L, 3L);
    }

    @Test
    void aChangeLargerThanTheRecordLimitIsRefusedNamingItsSizeAndALargeOneWithinTheLimitTravelsWhole() throws Exception {
        RecordSizeLimit limit = new RecordSizeLimit(RecordSizeLimit.MIN_BYTES);
        try (KafkaTopicAdmin admin = new KafkaTopicAdmin(items.client)) {
            admin.ensureTopics(items.bridge, List.of(items.route), new TopicSettings(1, (short) 1, limit));
        }
        ChangeEvent fits = named(1, "a".repeat(limit.maxRecordBytes() - 1024));
        ChangeEvent tooLarge = named(2, "b".repeat(limit.maxRecordBytes()));
        ChangeEvent small = named(3, "c");

        try (KafkaChangePublisher publisher = new KafkaChangePublisher(items.bridge, items.client, List.of(items.route), limit)) {
            List<PublishRefusal> refused = publisher.publish("items", List.of(fits, tooLarge, small));

            assertThat(refused).singleElement().satisfies(r -> {
                assertThat(r.change()).isSameAs(tooLarge);
                assertThat(r.stage()).isEqualTo(PublishRefusal.PUBLISH);
                assertThat(r.reason()).contains("binding 'items'", "id=2", "more than kafka.max-record-bytes (1048576 bytes)",
                        "after.name 1048576 bytes");
            });
        }
        ChangeEventCodec codec = ChangeEventCodec.forRoute(items.bridge, items.route);
        assertThat(TestTopics.readAll(items.client, items.route.topic())).extracting(r -> codec.decode(r.value()))
                .containsExactly(fits, small);
    }

    private ChangeEvent named(long id, String name) {
        return ChangeEvent.create(SystemSide.LEGACY, Items.TABLE, List.of("id"), Items.row(id, name, 1), Instant.ofEpochSecond(1),
                new SourcePosition("lsn", "0/" + id), null);
    }

    @Test
    void aTopicThatDoesNotExistFailsThePublishNamingBindingAndTopic() throws Exception {
        Map<String, String> client = new HashMap<>(items.client);
        client.put("delivery.timeout.ms", "3000");
        client.put("request.timeout.ms", "2000");
        client.put("max.block.ms", "2000");
        try (KafkaTopicAdmin admin = new KafkaTopicAdmin(items.client)) {
            admin.ensureTopics(items.bridge, List.of(), new TopicSettings(1, (short) 1));
        }

        try (KafkaChangePublisher publisher = new KafkaChangePublisher(items.bridge, client, List.of(items.route))) {
            assertThatThrownBy(() -> publisher.publish("items", List.of(items.create(1, 1))))
                    .isInstanceOf(KafkaOperationException.class)
                    .hasMessageContaining("binding 'items'")
                    .hasMessageContaining(items.route.topic())
                    .hasMessageContaining(TestKafka.bootstrapServers());
        }
    }
}
