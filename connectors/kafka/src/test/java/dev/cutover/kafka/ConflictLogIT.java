package dev.cutover.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.conflict.Conflict;
import dev.cutover.core.conflict.ConflictKind;
import dev.cutover.core.conflict.ConflictLog;
import dev.cutover.core.conflict.ConflictLogEntry;
import dev.cutover.core.conflict.ConflictPolicy;
import dev.cutover.core.conflict.ConflictRecord;
import dev.cutover.core.conflict.ConflictResolved;
import dev.cutover.core.conflict.HeldChange;
import dev.cutover.core.conflict.Resolution;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.SystemSide;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class ConflictLogIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant DETECTED = Instant.parse("2024-06-01T08:00:00.000000123Z");

    private final Items items = new Items();

    /** A parked conflict over a row with a value of every canonical class. */
    private static ConflictRecord parked(ChangeEvent change) {
        Conflict conflict = new Conflict("all_types", SystemSide.NEW, ConflictKind.UPDATE_CHANGED, change,
                TestTables.allTypesRow((Long) change.key().get("id")));
        return new ConflictRecord(ConflictRecord.idFor("all_types", SystemSide.NEW, change), conflict, ConflictPolicy.MANUAL,
                Resolution.park("manual policy"), DETECTED);
    }

    private List<ConflictLogEntry> someEntries() {
        ChangeEvent first = TestTables.update(TestTables.allTypesRowWithoutNulls(1));
        ConflictRecord conflict = parked(first);
        ChangeEvent other = TestTables.create(TestTables.allTypesRow(2));
        ConflictRecord otherConflict = parked(other);
        return List.of(conflict,
                new HeldChange(conflict.id(), 1, TestTables.update(TestTables.with(TestTables.allTypesRow(1), "c_int32", 5))),
                otherConflict,
                new HeldChange(conflict.id(), 2, TestTables.update(TestTables.with(TestTables.allTypesRow(1), "c_int32", 6))),
                new ConflictResolved(otherConflict.id(), Resolution.writeRow(TestTables.allTypesRowWithoutNulls(2), "typed by ops"),
                        DETECTED.plusSeconds(60)));
    }

    @Test
    void entriesRecordedInSeveralCallsAreReadBackWholeInOrderAndKeyedByConflictId() throws Exception {
        items.withTopics(1);
        List<ConflictLogEntry> entries = someEntries();
        try (KafkaConflictSink sink = new KafkaConflictSink(items.bridge, items.client)) {
            sink.record(entries.subList(0, 2));
            sink.record(List.of());
            sink.record(entries.subList(2, entries.size()));
        }

        ConflictLogReader reader = new ConflictLogReader(items.bridge, items.client, TIMEOUT);
        List<ConflictLogEntry> read = reader.readAll();

        assertThat(read).containsExactlyElementsOf(entries);
        assertThat(reader.skipped()).isZero();
        BigDecimal decimal = (BigDecimal) ((ConflictRecord) read.get(0)).conflict().change().after().get("n_decimal");
        assertThat(decimal.scale()).as("decimal scale survives the topic").isEqualTo(6);
        List<ConsumerRecord<byte[], byte[]>> records = TestTopics.readAll(items.client, TopicNames.conflicts(items.bridge));
        assertThat(records).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(entries.stream().map(ConflictLogEntry::conflictId).toList());
        ConflictLog log = ConflictLog.of(read);
        assertThat(log.open()).containsExactly((ConflictRecord) entries.get(0));
        assertThat(log.held(entries.get(0).conflictId())).containsExactly((HeldChange) entries.get(1), (HeldChange) entries.get(3));
    }

    @Test
    void anUndecodableRecordIsSkippedAndCountedAndTheOthersAreRead() throws Exception {
        items.withTopics(1);
        List<ConflictLogEntry> entries = someEntries();
        try (KafkaConflictSink sink = new KafkaConflictSink(items.bridge, items.client);
             KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.<String, Object>copyOf(items.client),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            sink.record(entries.subList(0, 1));
            raw.send(new ProducerRecord<>(sink.topic(), "x".getBytes(StandardCharsets.UTF_8), "{\"type\":\"gossip\"}".getBytes(StandardCharsets.UTF_8)))
                    .get();
            raw.send(new ProducerRecord<>(sink.topic(), null, new byte[] {1, 2, 3})).get();
            sink.record(entries.subList(1, 2));
        }

        ConflictLogReader reader = new ConflictLogReader(items.bridge, items.client, TIMEOUT);

        assertThat(reader.readAll()).containsExactlyElementsOf(entries.subList(0, 2));
        assertThat(reader.skipped()).isEqualTo(2);
        assertThat(reader.readAll()).hasSize(2);
        assertThat(reader.skipped()).as("counted over all reads").isEqualTo(4);
    }

    @Test
    void anEmptyLogReadsAsNoEntries() throws Exception {
        items.withTopics(1);

        assertThat(new ConflictLogReader(items.bridge, items.client, TIMEOUT).readAll()).isEmpty();
    }

    @Test
    void readingAMissingTopicNamesTopicAndBootstrap() {
        ConflictLogReader reader = new ConflictLogReader(items.bridge, items.client, Duration.ofSeconds(5));

        assertThatThrownBy(reader::readAll)
                .isInstanceOf(KafkaOperationException.class)
                .hasMessageContaining(TopicNames.conflicts(items.bridge))
                .hasMessageContaining(TestKafka.bootstrapServers())
                .hasMessageContaining("does not exist");
    }

    @Test
    void anUnreachableClusterFailsTheRecordNamingTopicAndBootstrapButNoCredentials() {
        Map<String, String> unreachable = Map.of("bootstrap.servers", "127.0.0.1:1", "max.block.ms", "1000",
                "ssl.key.password", "s3cret-key-password");
        List<ConflictLogEntry> entries = new ArrayList<>(someEntries());

        try (KafkaConflictSink sink = new KafkaConflictSink(items.bridge, unreachable)) {
            assertThatThrownBy(() -> sink.record(entries))
                    .isInstanceOf(KafkaOperationException.class)
                    .hasMessageContaining("on " + TopicNames.conflicts(items.bridge) + " at 127.0.0.1:1")
                    .hasMessageContaining("conflict " + entries.get(0).conflictId())
                    .hasMessageNotContaining("s3cret");
        }
    }
}
