package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.conflict.ReflectionGuard;
import dev.cutover.runtime.metrics.MetricNames;
import dev.cutover.runtime.BridgeService;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two-way bindings on real PostgreSQL and Kafka, one table pair per conflict policy. Concurrent
 * writes are made deterministic by holding the new row's lock in an open transaction while the
 * legacy write commits: the legacy change cannot be applied to the new row before the new
 * system's own write commits, so the legacy applier (the arbiter) meets the conflict.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoWayStreamingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String[] POLICIES = {"lw", "nw", "newest", "merge", "manual"};

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private BridgeFixture fixture;
    private BridgeService service;

    @BeforeAll
    void startBridge() throws Exception {
        fixture = new BridgeFixture("it_twoway", dir);
        StringBuilder bindings = new StringBuilder();
        for (String p : POLICIES) {
            fixture.legacy.execute("CREATE TABLE item_" + p + " (item_id integer PRIMARY KEY, item_nm varchar(40) NOT NULL,"
                    + " qty integer NOT NULL, upd_ts timestamp NOT NULL)");
            fixture.neu.execute("CREATE TABLE items_" + p + " (id integer PRIMARY KEY, name text NOT NULL,"
                    + " quantity integer NOT NULL, updated_at timestamp NOT NULL)");
            bindings.append("""
                    - name: items_%1$s
                      legacy: public.item_%1$s
                      new: public.items_%1$s
                      direction: two-way
                      columns: { item_id: id, item_nm: name, qty: quantity, upd_ts: updated_at }
                      conflict: { %2$s, set-replica-identity-full: true }
                    """.formatted(p, switch (p) {
                        case "lw" -> "policy: legacy-wins";
                        case "nw" -> "policy: new-wins";
                        case "newest" -> "policy: newest-wins, column: updated_at";
                        case "merge" -> "policy: merge, fallback: legacy-wins";
                        default -> "policy: manual";
                    }));
        }
        // One change per apply transaction: the arbiter's reflections of two quick writes then reach
        // the follower one by one instead of folded into one batch, as under a light steady load.
        fixture.writeConfig(bindings.toString(), 0, "heartbeat-interval: PT1S, apply-batch-size: 1");
        service = fixture.start();
        fixture.awaitReady(service, TIMEOUT);
    }

    @AfterAll
    void stopBridge() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theServiceSetsReplicaIdentityFullOnTheNewTableOnlyWhenConfiguredTo() {
        assertThat(fixture.legacy.queryRows("SELECT relreplident::text AS r FROM pg_class WHERE relname = 'item_lw'"))
                .as("the legacy table's before images are not needed").containsExactly(Map.of("r", "d"));
        assertThat(fixture.neu.queryRows("SELECT relreplident::text AS r FROM pg_class WHERE relname = 'items_lw'"))
                .containsExactly(Map.of("r", "f"));
    }

    @Test
    void aWriteOnEitherSideArrivesOnTheOtherExactlyOnceAndNeverComesBack() throws Exception {
        double echoesBefore = events("items_lw", MetricNames.OUTCOME_ECHO_SKIPPED);
        fixture.legacy.execute("INSERT INTO item_lw VALUES (1, 'from legacy', 1, '2026-01-01 10:00')");
        awaitRow("items_lw", 1, "from legacy");
        // The new database's capture sees the applier's insert and drops it as an echo.
        await("echo of the legacy insert dropped").atMost(TIMEOUT)
                .until(() -> events("items_lw", MetricNames.OUTCOME_ECHO_SKIPPED) >= echoesBefore + 1);
        awaitQuiet();
        Object legacyVersion = version(fixture.legacy, "SELECT xmin::text AS v FROM item_lw WHERE item_id = 1");

        fixture.neu.execute("UPDATE items_lw SET name = 'from new' WHERE id = 1");
        Object newVersion = version(fixture.neu, "SELECT xmin::text AS v FROM items_lw WHERE id = 1");
        await().atMost(TIMEOUT).until(() -> fixture.legacy.queryRows("SELECT item_nm FROM item_lw WHERE item_id = 1")
                .equals(List.of(Map.of("item_nm", "from new"))));
        Object legacyAfter = version(fixture.legacy, "SELECT xmin::text AS v FROM item_lw WHERE item_id = 1");
        assertThat(legacyAfter).as("the legacy row was written by the new update").isNotEqualTo(legacyVersion);
        awaitQuiet();

        // Exactly once, never back: once everything is consumed, neither row has been written again.
        assertThat(version(fixture.legacy, "SELECT xmin::text AS v FROM item_lw WHERE item_id = 1")).isEqualTo(legacyAfter);
        assertThat(version(fixture.neu, "SELECT xmin::text AS v FROM items_lw WHERE id = 1")).isEqualTo(newVersion);
        assertThat(events("items_lw", MetricNames.OUTCOME_ECHO_SKIPPED)).isEqualTo(echoesBefore + 1);
        assertThat(service.conflicts().list(false, "items_lw")).noneMatch(c -> keyIs(c, 1));
    }

    @Test
    void aRowTheNewSystemWritesTwiceWithinTheRoundTripNeverShowsTheFirstVersionAgain() throws Exception {
        seed("lw", 40);
        awaitQuiet();
        double supersededBefore = events("items_lw", "skipped_" + ReflectionGuard.SKIP_SUPERSEDED);
        Object newVersion;
        // Holding the legacy row makes the arbiter's reflection of the first write certain to come
        // back after the second write was captured: the flicker case, made deterministic.
        try (Connection legacy = fixture.legacy.connect(); Statement s = legacy.createStatement()) {
            legacy.setAutoCommit(false);
            s.execute("SELECT 1 FROM item_lw WHERE item_id = 40 FOR UPDATE");
            fixture.neu.execute("UPDATE items_lw SET name = 'first' WHERE id = 40");
            await("the arbiter waits for the legacy row").atMost(TIMEOUT).until(() -> lockWaits(fixture.legacy) > 0);
            double published = events("items_lw", MetricNames.OUTCOME_PUBLISHED);
            fixture.neu.execute("UPDATE items_lw SET name = 'second' WHERE id = 40");
            newVersion = version(fixture.neu, "SELECT xmin::text AS v FROM items_lw WHERE id = 40");
            await("the second write published").atMost(TIMEOUT)
                    .until(() -> events("items_lw", MetricNames.OUTCOME_PUBLISHED) >= published + 1);
            legacy.rollback();
        }
        await().atMost(TIMEOUT).until(() -> fixture.legacy.queryRows("SELECT item_nm FROM item_lw WHERE item_id = 40")
                .equals(List.of(Map.of("item_nm", "second"))));
        awaitQuiet();

        assertThat(version(fixture.neu, "SELECT xmin::text AS v FROM items_lw WHERE id = 40"))
                .as("the new row was never written again: the first version never came back").isEqualTo(newVersion);
        assertThat(events("items_lw", "skipped_" + ReflectionGuard.SKIP_SUPERSEDED)).isEqualTo(supersededBefore + 1);
        assertThat(fixture.newRows("SELECT name FROM items_lw WHERE id = 40")).containsExactly(Map.of("name", "second"));
        assertThat(service.conflicts().list(false, "items_lw")).noneMatch(c -> keyIs(c, 40));
    }

    @Test
    void simultaneousUpdatesConvergeToTheLegacyVersionUnderLegacyWins() throws Exception {
        Map<String, Object> row = concurrentUpdates("lw", 10, "item_nm = 'legacy', upd_ts = '2026-01-01 12:00'",
                "name = 'new', updated_at = '2026-01-01 13:00'");
        assertThat(row).containsEntry("name", "legacy");
    }

    @Test
    void simultaneousUpdatesConvergeToTheNewVersionUnderNewWins() throws Exception {
        Map<String, Object> row = concurrentUpdates("nw", 10, "item_nm = 'legacy', upd_ts = '2026-01-01 12:00'",
                "name = 'new', updated_at = '2026-01-01 13:00'");
        assertThat(row).containsEntry("name", "new");
    }

    @Test
    void simultaneousUpdatesConvergeToTheNewestVersionUnderNewestWins() throws Exception {
        Map<String, Object> newerOnLegacy = concurrentUpdates("newest", 10, "item_nm = 'legacy', upd_ts = '2026-01-01 14:00'",
                "name = 'new', updated_at = '2026-01-01 13:00'");
        assertThat(newerOnLegacy).containsEntry("name", "legacy");
        Map<String, Object> newerOnNew = concurrentUpdates("newest", 11, "item_nm = 'legacy', upd_ts = '2026-01-01 12:00'",
                "name = 'new', updated_at = '2026-01-01 13:00'");
        assertThat(newerOnNew).containsEntry("name", "new");
    }

    @Test
    void simultaneousUpdatesOfDifferentColumnsAreMergedUnderMerge() throws Exception {
        Map<String, Object> row = concurrentUpdates("merge", 10, "item_nm = 'renamed in legacy'", "quantity = 99");
        assertThat(row).containsEntry("name", "renamed in legacy").containsEntry("quantity", 99);
        Map<String, Object> both = concurrentUpdates("merge", 11, "item_nm = 'legacy name', qty = 5", "name = 'new name'");
        assertThat(both).containsEntry("name", "legacy name").containsEntry("quantity", 5);
    }

    @Test
    void aDeleteAgainstAnUpdateConvergesToTheWinnersVersion() throws Exception {
        seed("lw", 20);
        concurrently("lw", 20, "DELETE FROM item_lw WHERE item_id = 20", "UPDATE items_lw SET name = 'new' WHERE id = 20");
        fixture.awaitInSync("items_lw", TIMEOUT);
        assertThat(fixture.newRows("SELECT id FROM items_lw WHERE id = 20")).isEmpty();

        seed("nw", 20);
        concurrently("nw", 20, "DELETE FROM item_nw WHERE item_id = 20", "UPDATE items_nw SET name = 'new' WHERE id = 20");
        fixture.awaitInSync("items_nw", TIMEOUT);
        assertThat(fixture.newRows("SELECT name FROM items_nw WHERE id = 20")).containsExactly(Map.of("name", "new"));
        awaitConflicts("items_nw", 20, 1);
    }

    @Test
    void insertsWithTheSameKeyOnBothSidesConverge() throws Exception {
        try (Connection neu = fixture.neu.connect(); Statement s = neu.createStatement()) {
            neu.setAutoCommit(false);
            s.execute("INSERT INTO items_nw VALUES (30, 'new', 2, '2026-01-01 13:00')");
            fixture.legacy.execute("INSERT INTO item_nw VALUES (30, 'legacy', 1, '2026-01-01 12:00')");
            neu.commit();
        }
        fixture.awaitInSync("items_nw", TIMEOUT);
        assertThat(fixture.newRows("SELECT name FROM items_nw WHERE id = 30")).containsExactly(Map.of("name", "new"));
        assertThat(fixture.legacy.queryRows("SELECT item_nm FROM item_nw WHERE item_id = 30")).containsExactly(Map.of("item_nm", "new"));
    }

    @Test
    void aManualConflictParksOtherKeysKeepFlowingAndResolvingItConverges() throws Exception {
        seed("manual", 40);
        concurrently("manual", 40, "UPDATE item_manual SET item_nm = 'legacy' WHERE item_id = 40",
                "UPDATE items_manual SET name = 'new' WHERE id = 40");
        await("a parked conflict at the legacy applier").atMost(TIMEOUT)
                .until(() -> service.conflicts().list(true, "items_manual").size() == 1);
        // The arbiter's row reaches the new system; the new system's change waits in the conflict.
        awaitRow("items_manual", 40, "legacy");
        fixture.neu.execute("UPDATE items_manual SET quantity = 9 WHERE id = 40");
        fixture.legacy.execute("INSERT INTO item_manual VALUES (41, 'other key', 1, '2026-01-01 12:00')");

        awaitRow("items_manual", 41, "other key");
        await("the later new change waits behind the conflict").atMost(TIMEOUT)
                .until(() -> events("items_manual", MetricNames.OUTCOME_HELD) >= 1);
        assertThat(fixture.legacy.queryRows("SELECT item_nm, qty FROM item_manual WHERE item_id = 40"))
                .as("the legacy row is left untouched while the conflict is parked")
                .containsExactly(Map.of("item_nm", "legacy", "qty", 1));
        String id = (String) service.conflicts().list(true, "items_manual").get(0).get("id");

        String listing = cli("conflicts", "list", "--open", "--url", "http://127.0.0.1:" + service.httpPort());
        assertThat(listing).contains(id).contains("items_manual").contains("parked");
        HttpResponse<String> resolved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.httpPort() + "/conflicts/" + id + "/resolve"))
                .header("X-Cutover-Request", "1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"use\":\"legacy\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);

        // The held change was made on the legacy version, so it fits once the legacy version is kept.
        fixture.awaitInSync("items_manual", TIMEOUT);
        assertThat(fixture.legacy.queryRows("SELECT item_nm, qty FROM item_manual WHERE item_id = 40"))
                .containsExactly(Map.of("item_nm", "legacy", "qty", 9));
        assertThat(service.conflicts().list(true, "items_manual")).isEmpty();
        assertThat(cli("conflicts", "show", id, "--url", "http://127.0.0.1:" + service.httpPort()))
                .contains("\"resolution\"").contains("a person chose the legacy version");
    }

    /** Seeds a row on the legacy side, waits for it on the new side, then updates it on both sides at once. */
    private Map<String, Object> concurrentUpdates(String policy, int id, String legacySet, String newSet) throws Exception {
        seed(policy, id);
        concurrently(policy, id, "UPDATE item_" + policy + " SET " + legacySet + " WHERE item_id = " + id,
                "UPDATE items_" + policy + " SET " + newSet + " WHERE id = " + id);
        awaitConflicts("items_" + policy, id, 1);
        fixture.awaitInSync("items_" + policy, TIMEOUT);
        return fixture.newRows("SELECT name, quantity FROM items_" + policy + " WHERE id = " + id).get(0);
    }

    private void seed(String policy, int id) {
        fixture.legacy.execute("INSERT INTO item_" + policy + " VALUES (" + id + ", 'seed', 1, '2026-01-01 10:00')");
        awaitRow("items_" + policy, id, "seed");
    }

    /** Runs the legacy statement while the new row is locked by the new statement's open transaction. */
    private void concurrently(String policy, int id, String legacySql, String newSql) throws Exception {
        try (Connection neu = fixture.neu.connect(); Statement s = neu.createStatement()) {
            neu.setAutoCommit(false);
            s.execute("SELECT 1 FROM items_" + policy + " WHERE id = " + id + " FOR UPDATE");
            fixture.legacy.execute(legacySql);
            s.execute(newSql);
            neu.commit();
        }
    }

    private void awaitConflicts(String binding, int id, int atLeast) {
        await("conflicts of " + binding + " key " + id).atMost(TIMEOUT).until(() -> service.conflicts().list(false, binding).stream()
                .filter(c -> keyIs(c, id)).count() >= atLeast);
    }

    /** True when a listed conflict's single-column key is {@code id} (named id or item_id by side). */
    private static boolean keyIs(Map<String, Object> conflict, int id) {
        return String.valueOf(conflict.get("key")).matches("\\{\\w+=" + id + "}");
    }

    private void awaitRow(String table, int id, String name) {
        await(table + " row " + id).atMost(TIMEOUT).until(() -> fixture.newRows("SELECT name FROM " + table + " WHERE id = " + id)
                .equals(List.of(Map.of("name", name))));
    }

    /** Waits until both appliers have consumed everything and each capture has sent a fresh heartbeat. */
    private void awaitQuiet() {
        await("consumer lag zero").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> service.registry().get(MetricNames.CONSUMER_LAG).gauges().stream().allMatch(g -> g.value() == 0));
        double published = events(null, MetricNames.OUTCOME_PUBLISHED);
        await("a heartbeat round with nothing new published").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> service.registry().get(MetricNames.HEARTBEAT_AGE).gauges().stream().allMatch(g -> g.value() < 1.0)
                        && events(null, MetricNames.OUTCOME_PUBLISHED) == published);
    }

    private double events(String binding, String outcome) {
        var search = service.registry().find(MetricNames.EVENTS).tag(MetricNames.TAG_OUTCOME, outcome);
        if (binding != null) {
            search = search.tag(MetricNames.TAG_BINDING, binding);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    /** Sessions of {@code db} waiting for a row lock. */
    private static long lockWaits(PostgresTestDatabase db) {
        return ((Number) db.queryRows("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock'").get(0).get("n")).longValue();
    }

    /** The row version ({@code xmin}: the transaction that wrote it last) one query returns. */
    private static Object version(PostgresTestDatabase db, String sql) {
        List<Map<String, Object>> rows = db.queryRows(sql);
        assertThat(rows).hasSize(1);
        return rows.get(0).get("v");
    }

    private static String cli(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.code()).as("exit code of cutover %s: %s", String.join(" ", args), run.err()).isZero();
        return run.out();
    }
}
