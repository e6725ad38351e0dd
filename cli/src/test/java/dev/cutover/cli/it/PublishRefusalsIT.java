package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.kafka.KafkaDeadLetterSink;
import dev.cutover.kafka.TopicNames;
import dev.cutover.runtime.BridgeService;
import dev.cutover.runtime.ServiceState;
import dev.cutover.testkit.kafka.SharedKafka;
import dev.cutover.testkit.kafka.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change refused before any database is reached (it does not fit the target's schema, or its
 * record is too large for Kafka) is dead-lettered with its reason while the rest of its batch
 * flows, the bridge keeps running and a restart does not meet it again; rows of many megabytes
 * travel whole with the default settings.
 */
class PublishRefusalsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** The new table is stricter than the legacy one: a NOT NULL note and a smaller decimal. */
    private static final String STRICT_LEGACY_DDL = "CREATE TABLE %s (id bigint PRIMARY KEY, note text, amount numeric(20,6))";
    private static final String STRICT_NEW_DDL = "CREATE TABLE %s (id bigint PRIMARY KEY, note text NOT NULL, amount numeric(10,2))";
    private static final String BLOBS_DDL = "CREATE TABLE %s (id bigint PRIMARY KEY, data bytea, body text)";

    private static final String BINDINGS = """
            - name: strict
              legacy: public.strict_legacy
              new: public.strict_new
              direction: legacy-to-new
            - name: blobs
              legacy: public.blobs_legacy
              new: public.blobs_new
              direction: legacy-to-new
            """;
    private static final String BATCH_BINDING = """
            - name: strict_batch
              legacy: public.strict_batch_legacy
              new: public.strict_batch_new
              direction: legacy-to-new
              mode: batch
              batch: { schedule: PT1H }
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aNullForANotNullColumnAndATooPreciseDecimalAreDeadLetteredWhileTheRestOfTheirBatchIsAppliedAndARestartDoesNotMeetThemAgain()
            throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_refuse", dir)) {
            fixture.legacy.execute(STRICT_LEGACY_DDL.formatted("strict_legacy"), BLOBS_DDL.formatted("blobs_legacy"),
                    STRICT_LEGACY_DDL.formatted("strict_batch_legacy"),
                    "INSERT INTO strict_batch_legacy VALUES (1, 'good', 1.5), (2, NULL, 2.5), (3, 'good', 3.125), (4, 'good', 4)");
            fixture.neu.execute(STRICT_NEW_DDL.formatted("strict_new"), BLOBS_DDL.formatted("blobs_new"),
                    STRICT_NEW_DDL.formatted("strict_batch_new"));
            fixture.writeConfig(BINDINGS + BATCH_BINDING);
            BridgeService service = fixture.start();
            fixture.awaitReady(service, TIMEOUT);

            // One transaction, so one batch of six changes: four good, one null note, one decimal with three places.
            fixture.legacy.execute("INSERT INTO strict_legacy VALUES (1, 'one', 1.00), (2, NULL, 2.00), (3, 'three', 3.50),"
                    + " (4, 'four', 4.125), (5, 'five', 5), (6, 'six', 6.25)");

            await().atMost(TIMEOUT).until(() -> fixture.newRows("SELECT id FROM strict_new").size() == 4);
            assertThat(fixture.newRows("SELECT id FROM strict_new ORDER BY id")).extracting(r -> ((Number) r.get("id")).longValue())
                    .containsExactly(1L, 3L, 5L, 6L);
            List<Map<String, Object>> batchRows = awaitRows(fixture, "SELECT id FROM strict_batch_new ORDER BY id", 2);
            assertThat(batchRows).extracting(r -> ((Number) r.get("id")).longValue()).containsExactly(1L, 4L);

            // The topic also holds any later change of a dead-lettered row (held behind it): count the dead letters.
            List<ConsumerRecord<byte[], byte[]>> parked = deadLettersIn(TopicRecords.awaitRecords(SharedKafka.clientProperties(),
                    TopicNames.deadLetters(fixture.name), TIMEOUT, rs -> deadLettersIn(rs).size() >= 4));
            assertThat(parked).hasSize(4);
            assertThat(documentOf(parked, "strict", "id\":2")).contains("\"stage\":\"encode\"", "public.strict_new", "key {id=2}",
                    "column 'note' is NOT NULL but the value is null");
            assertThat(documentOf(parked, "strict", "id\":4")).contains("\"stage\":\"encode\"", "key {id=4}",
                    "column 'amount' is DECIMAL(10,2) but the value has more than 2 digits after the point");
            assertThat(documentOf(parked, "strict_batch", "id\":2")).contains("\"stage\":\"encode\"", "column 'note' is NOT NULL");
            assertThat(documentOf(parked, "strict_batch", "id\":3")).contains("\"stage\":\"encode\"", "column 'amount'");
            assertThat(parked).allSatisfy(r -> assertThat(new String(r.headers().lastHeader(KafkaDeadLetterSink.STAGE_HEADER).value(),
                    StandardCharsets.UTF_8)).isEqualTo("encode"));
            assertThat(service.state()).isEqualTo(ServiceState.RUNNING);
            assertThat(service.registry().scrape())
                    .containsPattern("cutover_events_total\\{binding=\"strict\",[^}]*outcome=\"dead_lettered\"} 2\\.0")
                    .containsPattern("cutover_events_total\\{binding=\"strict_batch\",[^}]*outcome=\"dead_lettered\"} 2\\.0");

            service.close();
            BridgeService restarted = fixture.start();
            fixture.awaitReady(restarted, TIMEOUT);
            fixture.legacy.execute("INSERT INTO strict_legacy VALUES (7, 'after the restart', 7)");

            await().atMost(TIMEOUT).until(() -> !fixture.newRows("SELECT id FROM strict_new WHERE id = 7").isEmpty());
            assertThat(restarted.state()).isEqualTo(ServiceState.RUNNING);
            // Row 7 was captured after anything the restart delivered again, so a repeat would be parked by now.
            assertThat(deadLettersIn(TopicRecords.readAll(SharedKafka.clientProperties(), TopicNames.deadLetters(fixture.name)))
                    .stream().filter(r -> binding(r).equals("strict")).toList()).hasSize(2);
        }
    }

    @Test
    void aFiveMegabyteByteaAndATenMegabyteTextArriveIntactWithTheDefaultSettings() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_large", dir)) {
            fixture.legacy.execute(STRICT_LEGACY_DDL.formatted("strict_legacy"), BLOBS_DDL.formatted("blobs_legacy"));
            fixture.neu.execute(STRICT_NEW_DDL.formatted("strict_new"), BLOBS_DDL.formatted("blobs_new"));
            fixture.writeConfig(BINDINGS);
            BridgeService service = fixture.start();
            fixture.awaitReady(service, TIMEOUT);

            // 327,680 md5 digests: 5 MiB as bytes, 10 MiB as hex text.
            fixture.legacy.execute(
                    "INSERT INTO blobs_legacy SELECT 1, decode(string_agg(md5(i::text), ''), 'hex'), 'small'"
                            + " FROM generate_series(1, 327680) i",
                    "INSERT INTO blobs_legacy SELECT 2, NULL, string_agg(md5((-i)::text), '') FROM generate_series(1, 327680) i",
                    "INSERT INTO blobs_legacy VALUES (3, '\\x01', 'after the large ones')");

            awaitRows(fixture, "SELECT id FROM blobs_new", 3);
            String checksums = "SELECT id, md5(data) AS data_md5, length(data) AS data_bytes, md5(body) AS body_md5,"
                    + " length(body) AS body_chars FROM %s ORDER BY id";
            List<Map<String, Object>> legacyRows = fixture.legacy.queryRows(checksums.formatted("blobs_legacy"));
            assertThat(legacyRows.get(0).get("data_bytes")).isEqualTo(5 * 1024 * 1024);
            assertThat(legacyRows.get(1).get("body_chars")).isEqualTo(10 * 1024 * 1024);
            assertThat(fixture.newRows(checksums.formatted("blobs_new"))).isEqualTo(legacyRows);
            assertThat(service.state()).isEqualTo(ServiceState.RUNNING);
        }
    }

    @Test
    void aRowAboveTheConfiguredRecordLimitIsDeadLetteredWithItsSizesWhileLaterRowsFlow() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_limit", dir)) {
            fixture.legacy.execute(STRICT_LEGACY_DDL.formatted("strict_legacy"), BLOBS_DDL.formatted("blobs_legacy"));
            fixture.neu.execute(STRICT_NEW_DDL.formatted("strict_new"), BLOBS_DDL.formatted("blobs_new"));
            Path config = fixture.writeConfig(BINDINGS);
            Files.writeString(config, Files.readString(config).replace("  partitions: 3\n", "  partitions: 3\n  max-record-bytes: 1048576\n"));
            BridgeService service = fixture.start();
            fixture.awaitReady(service, TIMEOUT);

            // 2 MiB of text: over the 1 MiB limit, and its dead letter would be too.
            fixture.legacy.execute(
                    "INSERT INTO blobs_legacy VALUES (1, NULL, 'small before')",
                    "INSERT INTO blobs_legacy SELECT 2, NULL, string_agg(md5(i::text), '') FROM generate_series(1, 65536) i",
                    "INSERT INTO blobs_legacy VALUES (3, NULL, 'small after')");

            awaitRows(fixture, "SELECT id FROM blobs_new WHERE id IN (1, 3)", 2);
            List<ConsumerRecord<byte[], byte[]>> parked = TopicRecords.awaitRecords(SharedKafka.clientProperties(),
                    TopicNames.deadLetters(fixture.name), TIMEOUT, rs -> !rs.isEmpty());
            assertThat(parked).singleElement().satisfies(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .contains("\"stage\":\"publish\"", "\"binding\":\"blobs\"", "public.blobs_new", "key {id=2}",
                            "more than kafka.max-record-bytes (1048576 bytes)", "after.body 2097152 bytes",
                            "the row images were left out", "\"images_left_out\":true", "\"body\":2097152"));
            assertThat(fixture.newRows("SELECT id FROM blobs_new WHERE id = 2")).isEmpty();
            assertThat(service.state()).isEqualTo(ServiceState.RUNNING);
        }
    }

    private static List<Map<String, Object>> awaitRows(BridgeFixture fixture, String sql, int count) {
        await().atMost(TIMEOUT).until(() -> fixture.newRows(sql).size() >= count);
        return fixture.newRows(sql);
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLettersIn(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains("\"type\":\"dead_letter\"")).toList();
    }

    private static String binding(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.headers().lastHeader(KafkaDeadLetterSink.BINDING_HEADER).value(), StandardCharsets.UTF_8);
    }

    /** The dead letter of {@code binding} whose document contains {@code fragment}. */
    private static String documentOf(List<ConsumerRecord<byte[], byte[]>> parked, String binding, String fragment) {
        return parked.stream().filter(r -> binding(r).equals(binding)).map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .filter(d -> d.contains(fragment)).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter of " + binding + " with " + fragment + " among " + parked.size()));
    }
}
