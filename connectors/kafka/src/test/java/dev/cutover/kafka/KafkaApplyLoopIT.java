package dev.cutover.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.pipeline.spi.ApplyException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaApplyLoopIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Items items = new Items();
    private final RecordingListener listener = new RecordingListener();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private KafkaApplyLoop loop(RecordingApplier applier, KafkaApplyOptions options) {
        KafkaDeadLetterSink deadLetters = new KafkaDeadLetterSink(items.bridge, items.client);
        KafkaApplyLoop loop = new KafkaApplyLoop(items.bridge, items.client, List.of(items.route), applier, deadLetters, listener, options);
        toClose.add(deadLetters);
        toClose.add(0, loop);
        return loop;
    }

    private KafkaApplyOptions options() {
        return KafkaApplyOptions.of(items.bridge + "-applier", 2000, Duration.ofSeconds(30)).withPollTimeout(Duration.ofMillis(100))
                .withRetries(3, Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private void publish(List<ChangeEvent> changes) throws Exception {
        try (KafkaChangePublisher publisher = new KafkaChangePublisher(items.bridge, items.client, List.of(items.route))) {
            publisher.publish("items", changes);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>copyOf(items.client))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        }
    }

    private long endOffsetSum() {
        return TestTopics.readAll(items.client, items.route.topic()).stream()
                .mapToLong(r -> 1).sum();
    }

    @Test
    void everyChangeIsAppliedInOrderPerKeyAndOffsetsAreCommittedAfterwards() throws Exception {
        items.withTopics(3);
        List<ChangeEvent> published = new ArrayList<>();
        for (int version = 1; version <= 5; version++) {
            for (long id = 1; id <= 20; id++) {
                published.add(version == 1 ? items.create(id, 1) : items.update(id, version));
            }
        }
        for (long id = 1; id <= 20; id += 4) {
            published.add(items.delete(id));
        }
        publish(published);
        RecordingApplier applier = new RecordingApplier();
        KafkaApplyLoop loop = loop(applier, options().withMaxBatchSize(7));

        loop.start();

        await().atMost(WAIT).until(() -> applier.applied.size() >= published.size());
        assertThat(applier.applied).as("tombstones are not changes").hasSize(published.size());
        assertThat(applier.batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(7));
        for (long id = 1; id <= 20; id++) {
            long key = id;
            assertThat(applier.applied.stream().filter(c -> id(c) == key).toList()).as("changes of id %s", key)
                    .containsExactlyElementsOf(published.stream().filter(c -> id(c) == key).toList());
        }
        assertThat(listener.applied).containsExactlyElementsOf(applier.applied);
        assertThat(listener.lags).allSatisfy(lag -> assertThat(lag).isPositive());
        long records = endOffsetSum();
        await().atMost(WAIT).untilAsserted(() -> assertThat(committed(items.bridge + "-applier").values().stream()
                .mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(records));
        await().atMost(WAIT).untilAsserted(() -> assertThat(loop.lag()).isZero());
        assertThat(loop.state()).isEqualTo(KafkaApplyLoop.State.RUNNING);

        loop.close();
        loop.close();
        assertThat(loop.state()).isEqualTo(KafkaApplyLoop.State.STOPPED);
        assertThat(loop.failure()).isNull();
        assertThatThrownBy(loop::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("STOPPED");
    }

    @Test
    void theLagCountsRecordsNotYetApplied() throws Exception {
        items.withTopics(1);
        RecordingApplier applier = new RecordingApplier().failing(1000, true);
        KafkaApplyLoop loop = loop(applier, options().withRetries(1000, Duration.ofMillis(100), Duration.ofMillis(100)));
        List<ChangeEvent> published = new ArrayList<>();
        for (long id = 1; id <= 10; id++) {
            published.add(items.create(id, 1));
        }
        publish(published);

        loop.start();

        await().atMost(WAIT).untilAsserted(() -> assertThat(loop.lag()).isEqualTo(10));
    }

    @Test
    void aRetriableFailureRedeliversTheSameBatchAndCommitsOnlyAfterItSucceeds() throws Exception {
        items.withTopics(1);
        List<ChangeEvent> published = List.of(items.create(1, 1), items.update(1, 2), items.create(2, 1));
        publish(published);
        RecordingApplier applier = new RecordingApplier().failing(1, true);
        KafkaApplyLoop loop = loop(applier, options());

        loop.start();

        await().atMost(WAIT).until(() -> applier.applied.size() == 3);
        assertThat(applier.batches).hasSizeGreaterThanOrEqualTo(2);
        assertThat(applier.batches.get(1)).startsWith(applier.batches.get(0).toArray(ChangeEvent[]::new));
        assertThat(applier.applied).containsExactlyElementsOf(published);
        await().atMost(WAIT).untilAsserted(() -> assertThat(committed(items.bridge + "-applier"))
                .containsEntry(new TopicPartition(items.route.topic(), 0), new OffsetAndMetadata(3)));
    }

    @Test
    void aFatalFailureHoldsItsBindingWithoutCommittingAndResumingAppliesTheBatchAgain() throws Exception {
        items.withTopics(1);
        List<ChangeEvent> published = List.of(items.create(1, 1), items.create(2, 1));
        publish(published);
        RecordingApplier applier = new RecordingApplier().failing(1, false);
        KafkaApplyLoop loop = loop(applier, options());
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        loop.onBindingFailure((binding, cause) -> told.add(binding + ": " + cause.getMessage()));

        loop.start();

        await().atMost(WAIT).until(() -> !loop.held().isEmpty());
        HeldBinding held = loop.held().values().iterator().next();
        assertThat(held.reasons()).containsExactly(HeldBinding.Reason.FAILURE);
        assertThat(held.failure()).contains("test failure");
        assertThat(told).singleElement().asString().startsWith(held.binding() + ": ").contains("test failure");
        assertThat(loop.state()).as("the loop goes on with the other bindings").isEqualTo(KafkaApplyLoop.State.RUNNING);
        assertThat(applier.batches).hasSize(1);
        assertThat(committed(items.bridge + "-applier")).isEmpty();

        assertThat(loop.resume(held.binding()).get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).held()).isFalse();

        await().atMost(WAIT).until(() -> applier.applied.size() == 2);
        assertThat(applier.batches.get(1)).startsWith(applier.batches.get(0).toArray(ChangeEvent[]::new));
        await().atMost(WAIT).until(() -> !committed(items.bridge + "-applier").isEmpty());
        loop.close();
    }

    @Test
    void exhaustedRetriesStopTheLoopWithAFailureNamingTheRetries() throws Exception {
        items.withTopics(1);
        publish(List.of(items.create(1, 1)));
        RecordingApplier applier = new RecordingApplier().failing(100, true);
        KafkaApplyLoop loop = loop(applier, options());

        loop.start();

        assertThat(loop.awaitStop(WAIT)).isTrue();
        assertThat(loop.state()).isEqualTo(KafkaApplyLoop.State.FAILED);
        assertThat(loop.failure()).isInstanceOf(ApplyException.class).hasMessageContaining("gave up after 3 retries");
        assertThat(applier.batches).hasSize(4);
        assertThat(committed(items.bridge + "-applier")).isEmpty();
    }

    @Test
    void rejectedChangesAreParkedOnTheDeadLetterTopicAndTheRestIsApplied() throws Exception {
        items.withTopics(1);
        List<ChangeEvent> published = List.of(items.create(1, 1), items.create(2, 1), items.delete(2), items.create(3, 1));
        publish(published);
        RecordingApplier applier = new RecordingApplier().rejecting(c -> id(c) == 2);
        KafkaApplyLoop loop = loop(applier, options());

        loop.start();

        List<ConsumerRecord<byte[], byte[]>> parked = TestTopics.awaitRecords(items.client, TopicNames.deadLetters(items.bridge),
                WAIT, records -> records.size() >= 2);
        assertThat(parked).hasSize(2);
        JsonNode createDoc = json(parked.get(0));
        assertThat(createDoc.get("binding").asText()).isEqualTo("items");
        assertThat(createDoc.get("stage").asText()).isEqualTo("apply");
        assertThat(createDoc.get("reason").asText()).isEqualTo("test rejects {id=2}");
        assertThat(createDoc.get("table").asText()).isEqualTo("public.items");
        assertThat(createDoc.get("operation").asText()).isEqualTo("CREATE");
        assertThat(createDoc.get("key").get("id").asLong()).isEqualTo(2);
        assertThat(createDoc.get("after").get("name").asText()).isEqualTo("item 2");
        assertThat(createDoc.get("position").get("kind").asText()).isEqualTo("lsn");
        assertThat(createDoc.get("commit_time").asText()).isEqualTo(published.get(1).commitTime().toString());
        assertThat(json(parked.get(1)).get("operation").asText()).isEqualTo("DELETE");
        assertThat(json(parked.get(1)).get("after").isNull()).isTrue();
        assertThat(new String(parked.get(0).headers().lastHeader(KafkaDeadLetterSink.STAGE_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("apply");
        await().atMost(WAIT).until(() -> listener.applied.size() == 2);
        assertThat(listener.applied).extracting(KafkaApplyLoopIT::id).containsExactly(1L, 3L);
        assertThat(listener.deadLettered).containsExactly("items:apply", "items:apply");
        assertThat(loop.deadLettered()).isEqualTo(2);
    }

    @Test
    void anUndecodableRecordIsParkedAndCountedAndTheOthersAreApplied() throws Exception {
        items.withTopics(1);
        publish(List.of(items.create(1, 1)));
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.<String, Object>copyOf(items.client),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(items.route.topic(), "k".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3})).get();
        }
        publish(List.of(items.create(2, 1)));
        RecordingApplier applier = new RecordingApplier();
        KafkaApplyLoop loop = loop(applier, options());

        loop.start();

        List<ConsumerRecord<byte[], byte[]>> parked = TestTopics.awaitRecords(items.client, TopicNames.deadLetters(items.bridge),
                WAIT, records -> !records.isEmpty());
        JsonNode doc = json(parked.get(0));
        assertThat(doc.get("stage").asText()).isEqualTo("decode");
        assertThat(doc.get("topic").asText()).isEqualTo(items.route.topic());
        assertThat(doc.get("offset").asLong()).isEqualTo(1);
        assertThat(doc.get("value_base64").asText()).isEqualTo("AQID");
        assertThat(doc.get("reason").asText()).contains(items.route.topic());
        await().atMost(WAIT).until(() -> applier.applied.size() == 2);
        assertThat(applier.applied).extracting(c -> c.operation()).containsOnly(Operation.CREATE);
        assertThat(loop.deadLettered()).isEqualTo(1);
        assertThat(listener.deadLettered).containsExactly("items:decode");
        await().atMost(WAIT).untilAsserted(() -> assertThat(committed(items.bridge + "-applier"))
                .containsEntry(new TopicPartition(items.route.topic(), 0), new OffsetAndMetadata(3)));
    }

    @Test
    void conflictsAndHeldChangesGoToTheListenerAndOffsetsAreCommittedPastThem() throws Exception {
        items.withTopics(1);
        List<ChangeEvent> published = List.of(items.create(1, 1), items.update(2, 2), items.update(2, 3), items.update(2, 4),
                items.create(3, 1));
        publish(published);
        // the first update of id 2 meets a parked conflict; the later ones wait behind it
        RecordingApplier applier = new RecordingApplier()
                .parking(c -> id(c) == 2 && version(c) == 2)
                .holding(c -> id(c) == 2 && version(c) > 2);
        KafkaApplyLoop loop = loop(applier, options());

        loop.start();

        await().atMost(WAIT).until(() -> listener.held.size() == 2 && listener.applied.size() == 3);
        assertThat(listener.conflicts).hasSize(1);
        assertThat(listener.conflicts.get(0).conflict().change()).isEqualTo(published.get(1));
        assertThat(listener.conflicts.get(0).parked()).isTrue();
        assertThat(listener.held).containsExactly(published.get(2), published.get(3));
        assertThat(listener.conflictBindings).containsExactly("items:conflict", "items:held", "items:held");
        assertThat(listener.applied).containsExactly(published.get(0), published.get(1), published.get(4));
        await().atMost(WAIT).untilAsserted(() -> assertThat(committed(items.bridge + "-applier"))
                .containsEntry(new TopicPartition(items.route.topic(), 0), new OffsetAndMetadata(5)));

        publish(List.of(items.update(2, 5)));

        await().atMost(WAIT).until(() -> listener.held.size() == 3);
        await().atMost(WAIT).untilAsserted(() -> assertThat(committed(items.bridge + "-applier"))
                .as("a batch held entirely is done with too")
                .containsEntry(new TopicPartition(items.route.topic(), 0), new OffsetAndMetadata(6)));
        assertThat(loop.state()).isEqualTo(KafkaApplyLoop.State.RUNNING);
        assertThat(loop.deadLettered()).isZero();
        assertThat(listener.deadLettered).isEmpty();
        assertThat(TestTopics.readAll(items.client, TopicNames.deadLetters(items.bridge))).isEmpty();
    }

    @Test
    void aLoopThatWasNeverStartedClosesAtOnce() throws Exception {
        KafkaApplyLoop loop = loop(new RecordingApplier(), options());

        loop.close();

        assertThat(loop.state()).isEqualTo(KafkaApplyLoop.State.STOPPED);
        assertThat(loop.awaitStop(Duration.ZERO)).isTrue();
    }

    private static long id(ChangeEvent change) {
        return (Long) change.key().get("id");
    }

    private static int version(ChangeEvent change) {
        return (Integer) change.after().get("version");
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> record) throws Exception {
        return new ObjectMapper().readTree(record.value());
    }

}
