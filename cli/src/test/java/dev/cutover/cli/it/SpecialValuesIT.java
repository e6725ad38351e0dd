package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.kafka.TopicNames;
import dev.cutover.runtime.metrics.MetricNames;
import dev.cutover.runtime.BridgeService;
import dev.cutover.testkit.kafka.SharedKafka;
import dev.cutover.testkit.kafka.TopicRecords;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL's infinities and NaN streamed from a legacy PostgreSQL table: to a PostgreSQL new
 * table they arrive exactly, to a MariaDB new table, which cannot hold them, they are dead-lettered
 * with the reason while the ordinary rows are applied; the bridge keeps running either way.
 */
class SpecialValuesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static final String LEGACY_DDL = "CREATE TABLE odd_mstr (id int PRIMARY KEY, tz timestamptz, ts timestamp, d date,"
            + " n numeric, n2 numeric(12,2), f float8, r real, m numeric(10,2) NOT NULL DEFAULT 1)";

    /**
     * Every special value in every column that holds it, and ordinary values beside them (a
     * numeric with a declared precision holds NaN but no infinity).
     */
    private static final String[] LEGACY_WRITES = {
        // A delete under REPLICA IDENTITY DEFAULT logs only the key: the NOT NULL numeric is null in its before image.
        "INSERT INTO odd_mstr VALUES (6, NULL, NULL, NULL, 1, 1, 1, 1, 2.5)",
        "DELETE FROM odd_mstr WHERE id = 6",
        "INSERT INTO odd_mstr VALUES (1, 'infinity', 'infinity', 'infinity', 'NaN', 'NaN', 'NaN', 'Infinity')",
        "INSERT INTO odd_mstr VALUES (2, '-infinity', '-infinity', '-infinity', 'Infinity', -7.5, 'Infinity', '-Infinity')",
        "INSERT INTO odd_mstr VALUES (3, '2024-02-29 12:00:00.123456+00', '1999-12-31 23:59:59.999999', '2000-01-01',"
                + " '-Infinity', 'NaN', '-Infinity', 'NaN')",
        "INSERT INTO odd_mstr VALUES (4, '2024-01-01 00:00:00+00', '2024-01-01 00:00:00', '2024-01-01', 1.5, 2.25, 0.5, 1)",
        "INSERT INTO odd_mstr VALUES (5, '2024-01-01 00:00:00+00', '2024-01-01 00:00:00', '2024-01-01', 12345678901234567890.123, 3, 1, 2)",
        "UPDATE odd_mstr SET tz = '-infinity', ts = 'infinity', d = '-infinity', n = 'NaN' WHERE id = 4",
        "UPDATE odd_mstr SET n2 = 9.99 WHERE id = 5",
    };

    private static final String AS_TEXT = "SELECT id, tz::text AS tz, ts::text AS ts, d::text AS d, n::text AS n, n2::text AS n2,"
            + " f::text AS f, r::text AS r, m::text AS m FROM %s ORDER BY id";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private PostgresTestDatabase legacy;
    private PostgresTestDatabase postgresNew;
    private MariaDbTestDatabase mariaNew;
    private BridgeService service;

    @AfterEach
    void stop() throws Exception {
        Closing.all(service, mariaNew, postgresNew, legacy);
    }

    @Test
    void postgresToPostgresCarriesInfinitiesAndNaNExactly() throws Exception {
        legacy = PostgresTestDatabase.create("cutover_it_oddl");
        postgresNew = PostgresTestDatabase.create("cutover_it_oddn");
        legacy.execute(LEGACY_DDL);
        postgresNew.execute(LEGACY_DDL.replace("odd_mstr", "odd_values"));
        String name = start("it_odd_pp", "kind: postgresql, jdbc-url: \"" + postgresNew.jdbcUrl() + "\", user: " + postgresNew.user(), "public");

        legacy.execute(LEGACY_WRITES);

        List<Map<String, Object>> expected = legacy.queryRows(AS_TEXT.formatted("odd_mstr"));
        assertThat(expected).extracting(row -> row.get("n")).containsExactly("NaN", "Infinity", "-Infinity", "NaN", "12345678901234567890.123");
        await("the new table holds exactly the legacy values").atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(postgresNew.queryRows(AS_TEXT.formatted("odd_values"))).isEqualTo(expected));
        assertThat(events(MetricNames.OUTCOME_APPLIED)).isEqualTo(events(MetricNames.OUTCOME_PUBLISHED)).isPositive();
        assertThat(events("dead_lettered")).isZero();
        assertRunning(name);
    }

    @Test
    void postgresToMariaDbDeadLettersWhatMariaDbCannotHoldAndAppliesTheRest() throws Exception {
        legacy = PostgresTestDatabase.create("cutover_it_oddl");
        mariaNew = MariaDbTestDatabase.create("cutover_it_oddn");
        legacy.execute(LEGACY_DDL);
        mariaNew.execute("CREATE TABLE odd_values (id int PRIMARY KEY, tz timestamp(6) NULL, ts datetime(6), d date,"
                + " n decimal(30,6), n2 decimal(12,2), f double, r float, m decimal(10,2) NOT NULL DEFAULT 1)");
        String name = start("it_odd_pm", "kind: mariadb, jdbc-url: \"" + mariaNew.jdbcUrl() + "\", user: " + mariaNew.user(), mariaNew.name());

        legacy.execute(LEGACY_WRITES);

        // Rows 1 to 3 hold special values from their insert on, row 4 from its update: four changes are refused.
        await("the changes MariaDB cannot hold are dead-lettered").atMost(TIMEOUT).until(() -> events("dead_lettered") >= 4);
        // Row 6's insert and delete, rows 4 and 5's inserts, row 5's update.
        await("the ordinary changes are applied").atMost(TIMEOUT).until(() -> events(MetricNames.OUTCOME_APPLIED) >= 5);
        assertThat(mariaNew.queryRows("SELECT id, n, n2 FROM odd_values ORDER BY id")).extracting(row -> row.get("id"))
                .as("row 4 keeps its ordinary insert: its update is refused, not written as another value").containsExactly(4, 5);
        assertThat(mariaNew.queryRows("SELECT n2 FROM odd_values WHERE id = 5")).extracting(row -> row.get("n2").toString())
                .containsExactly("9.99");
        List<ConsumerRecord<byte[], byte[]>> parked = TopicRecords.awaitRecords(SharedKafka.clientProperties(),
                TopicNames.deadLetters(name), TIMEOUT, records -> records.size() >= 4);
        assertThat(parked).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .allSatisfy(document -> assertThat(document).contains("\"stage\"").contains("odd").contains("odd_values")
                        .contains("MariaDB cannot hold"))
                .anySatisfy(document -> assertThat(document).contains("column 'tz'").contains("infinity"));
        assertThat(events("dead_lettered")).isEqualTo(4);
        assertRunning(name);
    }

    private String start(String prefix, String newSystem, String newSchema) throws Exception {
        String name = BridgeFixture.uniqueBridgeName(prefix);
        String yaml = """
                name: %s
                data-dir: state
                kafka: { bootstrap: "%s", partitions: 2 }
                systems:
                  legacy: { kind: postgresql, jdbc-url: "%s", user: %s }
                  new:    { %s }
                http: { address: "127.0.0.1:0" }
                tuning: { heartbeat-interval: PT1S }
                bindings:
                  - name: odd
                    legacy: public.odd_mstr
                    new: %s.odd_values
                    direction: legacy-to-new
                """.formatted(name, SharedKafka.bootstrapServers(), legacy.jdbcUrl(), legacy.user(), newSystem, newSchema);
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        service = new BridgeService(dev.cutover.config.ConfigLoader.load(file), Clock.systemUTC());
        service.start();
        Readiness.awaitReady(service, TIMEOUT, legacy);
        return name;
    }

    private double events(String outcome) {
        return service.registry().find(MetricNames.EVENTS).tag(MetricNames.TAG_BINDING, "odd").tag(MetricNames.TAG_OUTCOME, outcome)
                .counters().stream().mapToDouble(Counter::count).sum();
    }

    @SuppressWarnings("unchecked")
    private void assertRunning(String name) {
        List<Map<String, Object>> bindings = (List<Map<String, Object>>) service.status().get("bindings");
        assertThat(bindings).as("bridge " + name).singleElement().satisfies(b -> assertThat(b).containsEntry("state", "STREAMING"));
    }
}
