package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.runtime.BridgeService;
import dev.cutover.runtime.ServiceState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change the target refuses is dead-lettered and blocks its row: later changes of that row are
 * held behind it (durably, across a restart) while other rows flow, and nothing is invented for a
 * partial update's absent (unchanged TOASTed) columns. A person replays the dead letter once the
 * target is fixed, or discards it, through the CLI or HTTP; the held changes follow in order.
 */
class DeadLettersIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** REPLICA IDENTITY DEFAULT (PostgreSQL's default): an update leaving {@code body} unchanged does not log it. */
    private static final String LEGACY_DDL = "CREATE TABLE items_legacy (id bigint PRIMARY KEY, qty int, body text);"
            + " ALTER TABLE items_legacy ALTER COLUMN body SET STORAGE EXTERNAL";
    private static final String NEW_DDL = "CREATE TABLE items (id bigint PRIMARY KEY, qty int, body text,"
            + " CONSTRAINT qty_small CHECK (qty < 100))";
    private static final String BINDING = """
            - name: items
              legacy: public.items_legacy
              new: public.items
              direction: legacy-to-new
            """;
    /** 64 KiB of text, stored out of line (TOASTed) and uncompressed. */
    private static final String BIG_BODY = "(SELECT string_agg(md5(i::text), '') FROM generate_series(1, 2048) i)";
    private static final String ROWS = "SELECT id, qty, md5(body) AS body_md5, length(body) AS body_chars FROM %s%s ORDER BY id";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aPartialUpdateOfADeadLetteredRowIsHeldAcrossARestartAndAppliedExactlyAfterTheReplay() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_dlhold", dir)) {
            BridgeService service = start(fixture);

            fixture.legacy.execute("INSERT INTO items_legacy VALUES (1, 500, " + BIG_BODY + ")");
            String id = awaitOpen(service, 0).get("id").toString();
            // body is unchanged, so the update carries only id and qty: a partial image, whose qty the target would take.
            fixture.legacy.execute("UPDATE items_legacy SET qty = 6 WHERE id = 1",
                    "INSERT INTO items_legacy VALUES (2, 2, 'two'), (3, 3, " + BIG_BODY + ")",
                    "UPDATE items_legacy SET qty = 4 WHERE id = 2");

            awaitRows(fixture, "SELECT id FROM items WHERE id = 2 AND qty = 4", 1);
            awaitRows(fixture, "SELECT id FROM items WHERE id = 3", 1);
            awaitOpen(service, 1);
            assertThat(fixture.newRows("SELECT id FROM items WHERE id = 1")).as("nothing invented for the blocked row").isEmpty();
            CliRun show = CliRun.of("deadletters", "show", id, "--url", url(service));
            assertThat(show.code()).as(show.printed()).isZero();
            assertThat(show.out()).contains("Dead letter " + id + " of binding items (open)", "stage:   apply", "qty_small",
                    "held:    1 change(s) wait behind it", "#1 update public.items key");
            assertThat(service.registry().scrape())
                    .containsPattern("cutover_events_total\\{binding=\"items\",[^}]*outcome=\"held\"} 1\\.0")
                    .containsPattern("cutover_deadletters_open\\{binding=\"items\",?[^}]*} 1\\.0");

            service.close();
            BridgeService restarted = fixture.start();
            fixture.awaitReady(restarted, TIMEOUT);
            fixture.legacy.execute("UPDATE items_legacy SET qty = 7 WHERE id = 1", "INSERT INTO items_legacy VALUES (4, 4, 'four')");
            awaitRows(fixture, "SELECT id FROM items WHERE id = 4", 1);
            assertThat(awaitOpen(restarted, 2).get("id")).as("the same dead letter still blocks the row").isEqualTo(id);
            CliRun list = CliRun.of("deadletters", "list", "--open", "--binding", "items", "--url", url(restarted));
            assertThat(list.out()).as(list.printed()).containsPattern(id + " +items +apply +\\{id=1} +open +2 +\\S+ +.*qty_small");
            assertThat(fixture.newRows("SELECT id FROM items WHERE id = 1")).isEmpty();

            fixture.neu.execute("ALTER TABLE items DROP CONSTRAINT qty_small");
            CliRun replay = CliRun.of("deadletters", "replay", id, "--url", url(restarted));
            assertThat(replay.code()).as(replay.printed()).isZero();
            assertThat(replay.out()).contains("\"outcome\" : \"replayed\"", "\"heldApplied\" : 2");

            assertThat(fixture.newRows(ROWS.formatted("items", "")))
                    .isEqualTo(fixture.legacy.queryRows(ROWS.formatted("items_legacy", "")));
            assertThat(fixture.newRows(ROWS.formatted("items", " WHERE id = 1"))).singleElement()
                    .satisfies(r -> assertThat(r).containsEntry("qty", 7).containsEntry("body_chars", 65536));
            CliRun open = CliRun.of("deadletters", "list", "--open", "--url", url(restarted));
            assertThat(open.out()).as(open.printed()).contains("No dead letters need a person.");
            assertThat(restarted.registry().scrape()).containsPattern("cutover_deadletters_open\\{binding=\"items\",?[^}]*} 0\\.0");

            // The row is free again: its next change flows as any other.
            fixture.legacy.execute("UPDATE items_legacy SET qty = 8 WHERE id = 1");
            awaitRows(fixture, "SELECT id FROM items WHERE id = 1 AND qty = 8", 1);
            assertThat(restarted.state()).isEqualTo(ServiceState.RUNNING);
        }
    }

    @Test
    void discardAppliesTheHeldChangesAndReplayOfABindingAppliesEachRowsHistoryInOrderOverGuardedHttp() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_dlhttp", dir)) {
            BridgeService service = start(fixture);

            fixture.legacy.execute("INSERT INTO items_legacy VALUES (1, 501, 'one'), (2, 502, 'two')");
            List<Map<String, Object>> parked = awaitList(service, "/deadletters?binding=items", 2);
            fixture.legacy.execute("UPDATE items_legacy SET qty = 5, body = 'one, later' WHERE id = 1",
                    "UPDATE items_legacy SET qty = 503 WHERE id = 2", "UPDATE items_legacy SET qty = 6 WHERE id = 2",
                    "INSERT INTO items_legacy VALUES (3, 3, 'three')");
            awaitRows(fixture, "SELECT id FROM items WHERE id = 3", 1);
            await().atMost(TIMEOUT).until(() -> heldOf(service, parked, 0) == 1 && heldOf(service, parked, 1) == 2);
            String first = idOfKey(parked, 1);
            String second = idOfKey(parked, 2);

            Map<String, Object> shown = asMap(get(service, "/deadletters/" + second).body());
            assertThat(shown).containsEntry("stage", "apply").containsEntry("held", 2).containsEntry("status", "open");
            assertThat((List<?>) shown.get("heldChanges")).hasSize(2);
            assertThat(get(service, "/deadletters/nope").statusCode()).isEqualTo(404);

            HttpResponse<String> unguarded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url(service) + "/deadletters/" + first + "/discard")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unguarded.statusCode()).as(unguarded.body()).isEqualTo(403);
            assertThat(get(service, "/deadletters?open=true").body()).contains(first);

            HttpResponse<String> discarded = post(service, "/deadletters/" + first + "/discard", "{}");
            assertThat(discarded.statusCode()).as(discarded.body()).isEqualTo(200);
            assertThat(asMap(discarded.body())).containsEntry("outcome", "discarded").containsEntry("heldApplied", 1);
            assertThat(fixture.newRows("SELECT id, qty, body FROM items WHERE id = 1"))
                    .containsExactly(Map.of("id", 1L, "qty", 5, "body", "one, later"));
            assertThat(post(service, "/deadletters/" + first + "/discard", "{}").statusCode()).as("closed already").isEqualTo(409);
            assertThat(asMap(get(service, "/deadletters/" + first).body())).containsEntry("status", "discarded").containsEntry("open", false);

            fixture.neu.execute("ALTER TABLE items DROP CONSTRAINT qty_small");
            HttpResponse<String> replayed = post(service, "/deadletters/replay", "{\"binding\":\"items\"}");
            assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
            assertThat(replayed.body()).contains(second).contains("\"heldApplied\" : 2");
            // Insert of 502, then 503, then 6: applied in any other order the row would not end at 6.
            assertThat(fixture.newRows(ROWS.formatted("items", ""))).isEqualTo(fixture.legacy.queryRows(ROWS.formatted("items_legacy", "")));
            assertThat(asMap(get(service, "/deadletters/" + second).body())).containsEntry("status", "replayed").containsEntry("held", 0);
            assertThat(service.state()).isEqualTo(ServiceState.RUNNING);
        }
    }

    @Test
    void aHeldChangeRefusedAgainOnReplayBecomesTheOpenDeadLetterWithTheRestStillHeldBehindIt() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_dlagain", dir)) {
            BridgeService service = start(fixture);
            fixture.legacy.execute("INSERT INTO items_legacy VALUES (1, 500, 'one')");
            String first = awaitOpen(service, 0).get("id").toString();
            fixture.legacy.execute("UPDATE items_legacy SET qty = 5 WHERE id = 1", "UPDATE items_legacy SET qty = 600 WHERE id = 1",
                    "UPDATE items_legacy SET qty = 7 WHERE id = 1");
            awaitOpen(service, 3);
            // The target now takes 500 but still refuses 600.
            fixture.neu.execute("ALTER TABLE items DROP CONSTRAINT qty_small", "ALTER TABLE items ADD CONSTRAINT not_600 CHECK (qty <> 600)");

            Map<String, Object> replayed = service.deadLetters().replay(first);

            assertThat(replayed).containsEntry("outcome", "replayed").containsEntry("heldApplied", 1);
            String second = replayed.get("nowOpen").toString();
            assertThat(replayed.get("reason").toString()).contains("not_600");
            assertThat(fixture.newRows("SELECT id, qty FROM items")).containsExactly(Map.of("id", 1L, "qty", 5));
            Map<String, Object> open = awaitOpen(service, 1);
            assertThat(open).containsEntry("id", second).containsEntry("follows", first);
            assertThat(service.deadLetters().show(first).orElseThrow()).containsEntry("status", "replayed").containsEntry("held", 0);

            fixture.neu.execute("ALTER TABLE items DROP CONSTRAINT not_600");
            assertThat(service.deadLetters().replay(second)).containsEntry("heldApplied", 1);
            assertThat(fixture.newRows(ROWS.formatted("items", ""))).isEqualTo(fixture.legacy.queryRows(ROWS.formatted("items_legacy", "")));
            assertThat(service.deadLetters().list(true, null)).isEmpty();
        }
    }

    @Test
    void changesThatFailToMapBlockTheirMappedRowAndAReplayAfterTheMappingIsFixedGoesThroughTheNewMapping() throws Exception {
        String mapped = """
                - name: orders
                  legacy: public.ord_legacy
                  new: public.orders
                  direction: legacy-to-new
                  columns:
                    ord_no: id
                    stat_cd: { to: status, values: { A: active, I: inactive } }
                """;
        try (BridgeFixture fixture = new BridgeFixture("it_dlmap", dir)) {
            fixture.legacy.execute("CREATE TABLE ord_legacy (ord_no bigint PRIMARY KEY, stat_cd text, note text)");
            fixture.neu.execute("CREATE TABLE orders (id bigint PRIMARY KEY, status text, note text)");
            fixture.writeConfig(mapped);
            BridgeService service = fixture.start();
            fixture.awaitReady(service, TIMEOUT);

            fixture.legacy.execute("INSERT INTO ord_legacy VALUES (1, 'X', 'first')");
            String id = awaitOpen(service, 0).get("id").toString();
            // Fails to map too: held on the capture side. Then one that maps: held on the apply side.
            fixture.legacy.execute("UPDATE ord_legacy SET note = 'second' WHERE ord_no = 1",
                    "UPDATE ord_legacy SET stat_cd = 'A', note = 'third' WHERE ord_no = 1", "INSERT INTO ord_legacy VALUES (2, 'I', 'other')");
            awaitRows(fixture, "SELECT id FROM orders WHERE id = 2", 1);
            Map<String, Object> open = awaitOpen(service, 2);
            assertThat(open).containsEntry("stage", "map").containsEntry("table", "public.orders").containsEntry("key", "{id=1}");
            assertThat(fixture.newRows("SELECT id FROM orders WHERE id = 1")).isEmpty();
            List<?> held = (List<?>) service.deadLetters().show(id).orElseThrow().get("heldChanges");
            assertThat(held.stream().map(h -> String.valueOf(((Map<?, ?>) h).get("stage"))).toList()).containsExactly("map", "apply");
            assertThat(service.registry().scrape())
                    .containsPattern("cutover_events_total\\{binding=\"orders\",[^}]*outcome=\"held\"} 2\\.0")
                    .containsPattern("cutover_events_total\\{binding=\"orders\",[^}]*outcome=\"dead_lettered\"} 1\\.0");

            service.close();
            fixture.writeConfig(mapped.replace("{ A: active, I: inactive }", "{ A: active, I: inactive, X: unknown }"));
            BridgeService fixed = fixture.start();
            fixture.awaitReady(fixed, TIMEOUT);
            CliRun replay = CliRun.of("deadletters", "replay", "--binding", "orders", "--url", url(fixed));
            assertThat(replay.code()).as(replay.printed()).isZero();

            assertThat(fixture.newRows("SELECT id, status, note FROM orders ORDER BY id")).containsExactly(
                    Map.of("id", 1L, "status", "active", "note", "third"), Map.of("id", 2L, "status", "inactive", "note", "other"));
            assertThat(fixed.deadLetters().list(true, null)).isEmpty();
        }
    }

    /** A bridge syncing {@code items_legacy} to {@code items}, whose CHECK refuses a qty of 100 or more. */
    private static BridgeService start(BridgeFixture fixture) throws Exception {
        fixture.legacy.execute(LEGACY_DDL);
        fixture.neu.execute(NEW_DDL);
        fixture.writeConfig(BINDING);
        BridgeService service = fixture.start();
        fixture.awaitReady(service, TIMEOUT);
        return service;
    }

    private static String url(BridgeService service) {
        return "http://127.0.0.1:" + service.httpPort();
    }

    /** Waits for exactly one open dead letter with {@code held} changes behind it, and returns it. */
    private static Map<String, Object> awaitOpen(BridgeService service, int held) {
        await().atMost(TIMEOUT).until(() -> {
            List<Map<String, Object>> open = service.deadLetters().list(true, null);
            return open.size() == 1 && ((Number) open.get(0).get("held")).intValue() == held;
        });
        return service.deadLetters().list(true, null).get(0);
    }

    private static List<Map<String, Object>> awaitList(BridgeService service, String path, int size) throws Exception {
        await().atMost(TIMEOUT).until(() -> asList(get(service, path).body()).size() == size);
        return asList(get(service, path).body());
    }

    private static int heldOf(BridgeService service, List<Map<String, Object>> parked, int index) throws Exception {
        String id = idOfKey(parked, index + 1);
        return ((Number) asMap(get(service, "/deadletters/" + id).body()).get("held")).intValue();
    }

    private static String idOfKey(List<Map<String, Object>> parked, long key) {
        return parked.stream().filter(d -> d.get("key").equals("{id=" + key + "}")).findFirst().orElseThrow().get("id").toString();
    }

    private static void awaitRows(BridgeFixture fixture, String sql, int count) {
        await().atMost(TIMEOUT).until(() -> fixture.newRows(sql).size() >= count);
    }

    private static HttpResponse<String> get(BridgeService service, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(service) + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(BridgeService service, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(service) + path))
                .header("X-Cutover-Request", "1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> asMap(String json) throws Exception {
        return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
    }

    private static List<Map<String, Object>> asList(String json) throws Exception {
        return JSON.readValue(json, new TypeReference<List<Map<String, Object>>>() { });
    }
}
