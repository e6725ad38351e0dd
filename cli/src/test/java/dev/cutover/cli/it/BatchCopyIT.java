package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.runtime.metrics.MetricNames;
import dev.cutover.runtime.BridgeService;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mode: batch} end to end on the machine's PostgreSQL and the shared Kafka broker: full
 * copies (with deletes), incremental copies by a watermark across a restart, and a bridge that
 * streams one binding while it batches another.
 */
class BatchCopyIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final String ITEMS_DDL = "CREATE TABLE %s (id bigint PRIMARY KEY, title text NOT NULL,"
            + " updated_at timestamptz NOT NULL)";

    private static final String DOCS_BATCH = """
            - name: docs
              legacy: public.docs_legacy
              new: public.docs_new
              direction: legacy-to-new
              mode: batch
              batch: { schedule: PT1S, page-size: 2 }
            """;

    private static final String ITEMS_INCREMENTAL = """
            - name: items
              legacy: public.items_legacy
              new: public.items_new
              direction: legacy-to-new
              mode: batch
              batch: { schedule: PT1S, watermark: updated_at }
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void fullCopyCopiesExistingRowsThenInsertsUpdatesAndDeletes() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_batch_full", dir)) {
            fixture.legacy.execute(Scenario.DOCS_DDL.formatted("docs_legacy"),
                    "INSERT INTO docs_legacy SELECT g, 'title ' || g, 'body ' || g FROM generate_series(1, 5) g");
            fixture.neu.execute(Scenario.DOCS_DDL.formatted("docs_new"),
                    "INSERT INTO docs_new VALUES (99, 'stale', 'only in the target')");
            fixture.writeConfig(DOCS_BATCH);
            BridgeService service = fixture.start();

            fixture.awaitInSync("docs", TIMEOUT);
            assertThat(fixture.newRows("SELECT count(*) AS n FROM docs_new WHERE id = 99")).containsExactly(Map.of("n", 0L));

            fixture.legacy.execute("INSERT INTO docs_legacy VALUES (6, 'new', 'inserted')",
                    "UPDATE docs_legacy SET title = 'changed' WHERE id = 2", "DELETE FROM docs_legacy WHERE id IN (3, 4)");
            fixture.awaitInSync("docs", TIMEOUT);
            assertThat(fixture.newRows("SELECT id, title FROM docs_new ORDER BY id")).extracting(r -> r.get("id"))
                    .containsExactly(1L, 2L, 5L, 6L);
            assertThat(fixture.newRows("SELECT title FROM docs_new WHERE id = 2")).containsExactly(Map.of("title", "changed"));

            String status = get(service, "/status");
            assertThat(status).contains("\"mode\" : \"batch\"").contains("\"schedule\" : \"PT1S\"")
                    .contains("\"copy\" : \"full\"").contains("\"lastRunStarted\"").contains("\"nextRun\"");
            assertThat(service.registry().find(MetricNames.BATCH_RUNS).tag(MetricNames.TAG_OUTCOME, MetricNames.OUTCOME_SUCCEEDED)
                    .counter().count()).isGreaterThanOrEqualTo(2);
            assertThat(service.isReady()).as("a bridge that only copies waits for no capture").isTrue();
            assertThat(published(service, "docs")).as("a full copy into PostgreSQL goes database to database, not through Kafka")
                    .isZero();
        }
    }

    @Test
    void aFullCopyIntoADecimalItCouldRoundGoesThroughKafkaWhereAValueThatDoesNotFitIsDeadLettered() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_batch_round", dir)) {
            fixture.legacy.execute("CREATE TABLE prices_legacy (id bigint PRIMARY KEY, amount numeric(20,6) NOT NULL)",
                    "INSERT INTO prices_legacy VALUES (1, 1.5), (2, 3.125), (3, 4)");
            fixture.neu.execute("CREATE TABLE prices_new (id bigint PRIMARY KEY, amount numeric(10,2) NOT NULL)");
            fixture.writeConfig("""
                    - name: prices
                      legacy: public.prices_legacy
                      new: public.prices_new
                      direction: legacy-to-new
                      mode: batch
                      batch: { schedule: PT1H }
                    """);
            BridgeService service = fixture.start();

            await("the rows that fit").atMost(TIMEOUT).until(() -> fixture.newRows("SELECT id FROM prices_new").size() == 2);
            assertThat(fixture.newRows("SELECT id, amount::text AS amount FROM prices_new ORDER BY id"))
                    .as("3.125 is not rounded into numeric(10,2)")
                    .containsExactly(Map.of("id", 1L, "amount", "1.50"), Map.of("id", 3L, "amount", "4.00"));
            await("the row that does not fit is dead-lettered").atMost(TIMEOUT).until(() -> Pattern.compile(
                    "cutover_events_total\\{binding=\"prices\",[^}]*outcome=\"dead_lettered\"} 1\\.0").matcher(service.registry().scrape())
                    .find());
        }
    }

    @Test
    void incrementalCopyTakesOnlyChangedRowsAndResumesFromItsWatermarkAfterARestart() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_batch_incr", dir)) {
            fixture.legacy.execute(ITEMS_DDL.formatted("items_legacy"), "INSERT INTO items_legacy SELECT g, 'item ' || g,"
                    + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, 20) g");
            fixture.neu.execute(ITEMS_DDL.formatted("items_new"));
            fixture.writeConfig(ITEMS_INCREMENTAL);
            BridgeService first = fixture.start();
            fixture.awaitInSync("items", TIMEOUT);
            awaitRuns(first, 2);
            assertThat(published(first)).as("the first copy takes every row, later ones none").isEqualTo(20);
            Object untouchedXmin = xmin(fixture, 1);

            fixture.legacy.execute("UPDATE items_legacy SET title = 'renamed', updated_at = now() WHERE id = 7");
            fixture.awaitInSync("items", TIMEOUT);
            double runs = runs(first);
            awaitRuns(first, runs + 2);
            assertThat(published(first)).as("only the changed row is copied again").isEqualTo(21);
            assertThat(xmin(fixture, 1)).as("an unchanged target row is not written").isEqualTo(untouchedXmin);
            Path watermark = fixture.dir.resolve("state").resolve("batch").resolve("items.watermark");
            assertThat(Files.readString(watermark)).contains("column=updated_at").contains("type=TIMESTAMPTZ");

            first.close();
            fixture.legacy.execute("UPDATE items_legacy SET title = 'while stopped', updated_at = now() WHERE id = 3",
                    "INSERT INTO items_legacy VALUES (21, 'added while stopped', now())",
                    "DELETE FROM items_legacy WHERE id = 20");
            BridgeService second = fixture.start();
            await("copies after the restart").atMost(TIMEOUT).until(() -> fixture.newRows(
                    "SELECT count(*) AS n FROM items_new WHERE title IN ('while stopped', 'added while stopped')")
                    .equals(List.of(Map.of("n", 2L))));
            awaitRuns(second, 2);
            assertThat(published(second)).as("the restarted bridge copies only what changed while it was stopped")
                    .isEqualTo(2);
            assertThat(fixture.newRows("SELECT count(*) AS n FROM items_new WHERE id = 20"))
                    .as("an incremental copy cannot see deletes").containsExactly(Map.of("n", 1L));
        }
    }

    @Test
    void oneBridgeStreamsOneBindingAndCopiesAnother() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_batch_mixed", dir)) {
            fixture.legacy.execute(Scenario.CUSTOMERS_LEGACY_DDL, Scenario.DOCS_DDL.formatted("docs_legacy"),
                    "INSERT INTO docs_legacy VALUES (1, 'a', 'b')");
            fixture.neu.execute(Scenario.CUSTOMERS_NEW_DDL, Scenario.DOCS_DDL.formatted("docs_new"));
            fixture.writeConfig(Scenario.CUSTOMERS_BINDING + DOCS_BATCH);
            BridgeService service = fixture.start();
            fixture.awaitReady(service, TIMEOUT);

            fixture.legacy.execute("INSERT INTO cust_mstr VALUES (7, 'Streamed', 'A', 1700000000, 1.5, NULL)",
                    "INSERT INTO docs_legacy VALUES (2, 'c', 'd')");
            fixture.awaitInSync("customers", TIMEOUT);
            fixture.awaitInSync("docs", TIMEOUT);
            assertThat(fixture.newRows("SELECT full_name FROM customers WHERE id = 7")).containsExactly(Map.of("full_name", "Streamed"));
            assertThat(fixture.newRows("SELECT count(*) AS n FROM docs_new")).containsExactly(Map.of("n", 2L));
        }
    }

    private static Object xmin(BridgeFixture fixture, long id) {
        return fixture.newRows("SELECT xmin::text AS x FROM items_new WHERE id = " + id).get(0).get("x");
    }

    private static double published(BridgeService service) {
        return published(service, "items");
    }

    private static double published(BridgeService service, String binding) {
        Counter c = service.registry().find(MetricNames.EVENTS).tag(MetricNames.TAG_BINDING, binding)
                .tag(MetricNames.TAG_OUTCOME, MetricNames.OUTCOME_PUBLISHED).counter();
        return c == null ? 0 : c.count();
    }

    private static double runs(BridgeService service) {
        Counter c = service.registry().find(MetricNames.BATCH_RUNS).tag(MetricNames.TAG_OUTCOME, MetricNames.OUTCOME_SUCCEEDED)
                .counter();
        return c == null ? 0 : c.count();
    }

    private static void awaitRuns(BridgeService service, double atLeast) {
        await("batch copies").atMost(TIMEOUT).until(() -> runs(service) >= atLeast);
    }

    private static String get(BridgeService service, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
