package dev.cutover.cli.it;

import dev.cutover.cli.CutoverCli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.kafka.ChangeEventCodec;
import dev.cutover.kafka.TopicNames;
import dev.cutover.runtime.BridgeService;
import dev.cutover.runtime.CompiledBinding;
import dev.cutover.testkit.kafka.SharedKafka;
import dev.cutover.testkit.kafka.TopicRecords;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bridge from a legacy to a new database on the machine's PostgreSQL through the shared
 * Kafka broker; each test writes its own key range into the legacy tables and checks the new
 * tables, the change topic and the HTTP endpoints.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyToNewStreamingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private BridgeFixture fixture;
    private BridgeService service;

    @BeforeAll
    void startBridge() throws Exception {
        fixture = new BridgeFixture("it_stream", dir);
        fixture.legacy.execute(Scenario.CUSTOMERS_LEGACY_DDL, Scenario.TYPES_DDL.formatted("typed_legacy"),
                Scenario.DOCS_DDL.formatted("docs_legacy"),
                "INSERT INTO cust_mstr VALUES (1, 'Existing Before Start', 'A', 1700000000, 10.5, 'x')",
                "INSERT INTO cust_mstr VALUES (2, 'Also Existing', 'I', 1600000000, NULL, NULL)");
        fixture.neu.execute(Scenario.CUSTOMERS_NEW_DDL, Scenario.TYPES_DDL.formatted("typed_new"),
                Scenario.DOCS_DDL.formatted("docs_new"));
        fixture.writeConfig(Scenario.CUSTOMERS_BINDING + Scenario.TYPES_BINDING + Scenario.DOCS_BINDING);
        service = fixture.start();
    }

    @AfterAll
    void stopBridge() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void rowsThatExistedBeforeStartAreCopiedMapped() throws Exception {
        fixture.awaitInSync("customers", TIMEOUT);

        assertThat(fixture.newRows("SELECT id, full_name, status, created_at, source FROM customers WHERE id = 1"))
                .singleElement().satisfies(row -> {
                    assertThat(row).containsEntry("full_name", "Existing Before Start").containsEntry("status", "active")
                            .containsEntry("source", "legacy");
                    assertThat(((java.sql.Timestamp) row.get("created_at")).toInstant()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
                });
    }

    @Test
    void insertsUpdatesAndDeletesArriveMappedInTheNewDatabase() throws Exception {
        fixture.legacy.execute(
                "INSERT INTO cust_mstr VALUES (100, 'Ada', 'A', 1700000100, 1.2345, 'a')",
                "INSERT INTO cust_mstr VALUES (101, 'Grace', 'A', 1700000101, 2, 'b')",
                "INSERT INTO cust_mstr VALUES (102, 'Linus', 'I', 1700000102, 3, 'c')",
                "UPDATE cust_mstr SET cust_nm = 'Ada Lovelace', stat_cd = 'I', bal_amt = -99.0001 WHERE cust_id = 100",
                "DELETE FROM cust_mstr WHERE cust_id = 102");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(fixture.newRows("SELECT id, full_name, status, balance FROM customers WHERE id BETWEEN 100 AND 199 ORDER BY id"))
                    .containsExactly(
                            Map.of("id", 100, "full_name", "Ada Lovelace", "status", "inactive", "balance", new BigDecimal("-99.0001")),
                            Map.of("id", 101, "full_name", "Grace", "status", "active", "balance", new BigDecimal("2.0000")));
        });
        fixture.awaitInSync("customers", TIMEOUT);
    }

    @Test
    void primaryKeyChangeMovesTheRowToItsNewKey() throws Exception {
        fixture.legacy.execute("INSERT INTO cust_mstr VALUES (200, 'Moving', 'A', 1700000200, 5, 'm')");
        await().atMost(TIMEOUT).until(() -> !fixture.newRows("SELECT id FROM customers WHERE id = 200").isEmpty());

        fixture.legacy.execute("UPDATE cust_mstr SET cust_id = 201, cust_nm = 'Moved' WHERE cust_id = 200");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
                fixture.newRows("SELECT id, full_name FROM customers WHERE id IN (200, 201)"))
                .containsExactly(Map.of("id", 201, "full_name", "Moved")));
    }

    @Test
    void nullsNumericsTimestampsUnicodeAndOtherTypesSurviveExactly() throws Exception {
        fixture.legacy.execute("""
                INSERT INTO typed_legacy VALUES
                  (1, 12345678901234.123456, '2024-02-29 23:59:59.123456+05:30', '1999-12-31 23:59:59.999999', '0001-01-01',
                   '23:59:59.999999', 'Zoë 李雷 🚀 ''quoted''', true, '\\x00ff10', 'b8a7f0a2-9f7e-4a4e-8a5e-1f2d3c4b5a69',
                   '{"a": [1, 2, {"b": null}], "ü": "✓"}', 1.0e-300, -32768),
                  (2, -0.000001, '1970-01-01 00:00:00+00', '2038-01-19 03:14:08', '9999-12-31', '00:00:00', '', false,
                   '\\x', '00000000-0000-0000-0000-000000000000', '[]', 'NaN', 32767),
                  (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)""");
        fixture.legacy.execute("UPDATE typed_legacy SET label = label || ' ✔', amount = amount * 2 WHERE id = 1");

        fixture.awaitInSync("typed", TIMEOUT);
        assertThat(fixture.newRows("SELECT label, amount FROM typed_new WHERE id = 1")).containsExactly(
                Map.of("label", "Zoë 李雷 🚀 'quoted' ✔", "amount", new BigDecimal("24691357802468.246912")));
    }

    @Test
    void anUnchangedLargeValueThatPostgresDoesNotLogSurvivesAnUpdateOfAnotherColumn() throws Exception {
        // 64 kB of md5 text does not compress below the TOAST threshold, so PostgreSQL stores it
        // out of line and, under REPLICA IDENTITY DEFAULT, leaves it out of the update's WAL record.
        fixture.legacy.execute("INSERT INTO docs_legacy SELECT 1, 'first title', string_agg(md5(g::text), '') "
                + "FROM generate_series(1, 2000) g");
        await().atMost(TIMEOUT).until(() -> !fixture.newRows("SELECT id FROM docs_new WHERE id = 1").isEmpty());

        fixture.legacy.execute("UPDATE docs_legacy SET title = 'second title' WHERE id = 1");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
                fixture.newRows("SELECT title, length(body) AS len FROM docs_new WHERE id = 1"))
                .containsExactly(Map.of("title", "second title", "len", 64_000)));
        fixture.awaitInSync("docs", TIMEOUT);
        CompiledBinding docs = fixture.binding("docs");
        ChangeEventCodec codec = ChangeEventCodec.forRoute(fixture.name, docs.route());
        List<ChangeEvent> updates = TopicRecords.readAll(SharedKafka.clientProperties(), docs.route().topic()).stream()
                .filter(r -> r.value() != null).map(r -> codec.decode(r.value()))
                .filter(e -> e.operation() == Operation.UPDATE).toList();
        assertThat(updates).singleElement().satisfies(update -> assertThat(update.after().columns())
                .as("the update travelled without the unlogged value").containsExactly("id", "title"));
    }

    @Test
    void theChangeTopicCarriesAvroChangesKeyedByTheNewKeyWithDeleteTombstones() throws Exception {
        fixture.legacy.execute("INSERT INTO cust_mstr VALUES (300, 'On The Topic', 'A', 1700000300, 1, NULL)",
                "DELETE FROM cust_mstr WHERE cust_id = 300");
        CompiledBinding binding = fixture.binding("customers");
        String topic = TopicNames.changes(fixture.name, dev.cutover.core.event.SystemSide.NEW, binding.mapping().newSchema().table());
        ChangeEventCodec codec = ChangeEventCodec.forRoute(fixture.name, binding.route());

        List<ConsumerRecord<byte[], byte[]>> records = TopicRecords.awaitRecords(SharedKafka.clientProperties(), topic, TIMEOUT,
                rs -> rs.stream().anyMatch(r -> r.value() == null && codec.decodeKey(r.key()).get("id").equals(300)));

        List<ConsumerRecord<byte[], byte[]>> ofRow = records.stream()
                .filter(r -> codec.decodeKey(r.key()).get("id").equals(300)).toList();
        assertThat(ofRow).hasSize(3);
        ChangeEvent created = codec.decode(ofRow.get(0).value());
        assertThat(created.operation()).isEqualTo(Operation.CREATE);
        assertThat(created.after().get("full_name")).isEqualTo("On The Topic");
        assertThat(created.after().get("status")).isEqualTo("active");
        assertThat(created.position().kind()).isEqualTo("lsn");
        assertThat(codec.decode(ofRow.get(1).value()).operation()).isEqualTo(Operation.DELETE);
        assertThat(ofRow.get(2).value()).as("tombstone after the delete").isNull();
        assertThat(ofRow).extracting(ConsumerRecord::partition).containsOnly(ofRow.get(0).partition());
    }

    @Test
    void aValueTheMappingCannotMapIsDeadLetteredAndTheRestKeepsFlowing() throws Exception {
        fixture.legacy.execute("INSERT INTO cust_mstr VALUES (400, 'Bad Status', 'X', 1700000400, 1, NULL)",
                "INSERT INTO cust_mstr VALUES (401, 'Good Status', 'A', 1700000401, 1, NULL)");

        await().atMost(TIMEOUT).until(() -> !fixture.newRows("SELECT id FROM customers WHERE id = 401").isEmpty());
        List<ConsumerRecord<byte[], byte[]>> parked = TopicRecords.awaitRecords(SharedKafka.clientProperties(),
                TopicNames.deadLetters(fixture.name), TIMEOUT, rs -> !rs.isEmpty());
        String document = new String(parked.get(0).value(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(document).contains("customers").contains("stat_cd").contains("400");
        assertThat(fixture.newRows("SELECT id FROM customers WHERE id = 400")).isEmpty();
        assertThat(scrape("/metrics")).containsPattern("cutover_events_total\\{[^}]*outcome=\"dead_lettered\"[^}]*} [1-9]");

        fixture.legacy.execute("DELETE FROM cust_mstr WHERE cust_id = 400");
    }

    @Test
    void metricsHealthAndStatusAreServed() throws Exception {
        fixture.legacy.execute("INSERT INTO cust_mstr VALUES (500, 'Metered', 'A', 1700000500, 1, NULL)");
        await().atMost(TIMEOUT).until(() -> !fixture.newRows("SELECT id FROM customers WHERE id = 500").isEmpty());

        await().atMost(TIMEOUT).untilAsserted(() -> {
            String metrics = scrape("/metrics");
            assertThat(metrics).contains("cutover_replication_lag_seconds{binding=\"customers\",direction=\"legacy-to-new\",quantile=\"0.99\"}")
                    .contains("cutover_capture_lag_seconds{system=\"legacy\"}")
                    .contains("cutover_consumer_lag_records{system=\"new\"}")
                    .containsPattern("cutover_events_total\\{binding=\"customers\",direction=\"legacy-to-new\",outcome=\"applied\"} [1-9]")
                    .contains("cutover_binding_state{binding=\"customers\",state=\"streaming\",system=\"new\"} 1.0")
                    .contains("cutover_binding_state{binding=\"customers\",state=\"failed\",system=\"new\"} 0.0");
        });
        assertThat(status("/health/live")).isEqualTo(200);
        assertThat(status("/health/ready")).isEqualTo(200);
        assertThat(scrape("/status")).contains("\"name\" : \"customers\"").contains("\"state\" : \"STREAMING\"")
                .containsPattern("\"legacy\" : \\{\\s*\"streaming\" : true");
    }

    @Test
    void schemasCommandWritesTheAvroSchemaOfEveryTopicFromTheRealTables() throws Exception {
        Path out = dir.resolve("avsc");

        int exit = new picocli.CommandLine(new dev.cutover.cli.CutoverCli())
                .execute("schemas", "--config", dir.resolve("cutover.yaml").toString(), "--out", out.toString());

        assertThat(exit).isZero();
        CompiledBinding customers = fixture.binding("customers");
        Path value = out.resolve(customers.route().topic() + "-value.avsc");
        Path key = out.resolve(customers.route().topic() + "-key.avsc");
        assertThat(key).exists();
        org.apache.avro.Schema schema = new org.apache.avro.Schema.Parser().parse(value.toFile());
        assertThat(schema.getField("after")).isNotNull();
        assertThat(schema.toString()).contains("full_name").contains("created_at").doesNotContain("cust_nm");
        assertThat(new org.apache.avro.Schema.Parser().parse(key.toFile()).getFields())
                .extracting(org.apache.avro.Schema.Field::name).containsExactly("id");
        assertThat(java.nio.file.Files.list(out).count()).as("key and value schema of three topics").isEqualTo(6);
    }

    private String scrape(String path) throws Exception {
        return get(path).body();
    }

    private int status(String path) throws Exception {
        return get(path).statusCode();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
