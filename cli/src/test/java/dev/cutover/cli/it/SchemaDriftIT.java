package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.config.ConfigLoader;
import dev.cutover.kafka.TopicNames;
import dev.cutover.runtime.BridgeService;
import dev.cutover.runtime.ServiceState;
import dev.cutover.testkit.kafka.SharedKafka;
import dev.cutover.testkit.kafka.TopicRecords;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table that changes under a running bridge: the drifted binding alone pauses (its changes wait,
 * nothing is dead-lettered, status and readiness name it with the fix), the other binding keeps
 * flowing, and a restart after the fix applies the changes that waited, in order, through the
 * fixed mapping. Compatible changes keep flowing without a pause.
 */
class SchemaDriftIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final String LEGACY_DDL = """
            CREATE TABLE ord (id integer PRIMARY KEY, note varchar(20), amount numeric(10,2));
            CREATE TABLE itm (id integer PRIMARY KEY, name text)""";
    private static final String NEW_DDL = """
            CREATE TABLE orders (id integer PRIMARY KEY, note text, amount numeric(12,2));
            CREATE TABLE items (id integer PRIMARY KEY, name text)""";
    private static final String ITEMS = """
            - name: items
              legacy: public.itm
              new: public.items
              direction: legacy-to-new
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private static String orders(String extra) {
        return """
                - name: orders
                  legacy: public.ord
                  new: public.orders
                  direction: legacy-to-new
                """ + extra.indent(2);
    }

    private BridgeFixture fixture(String name) throws Exception {
        BridgeFixture fixture = new BridgeFixture(name, dir);
        fixture.legacy.execute(LEGACY_DDL);
        fixture.neu.execute(NEW_DDL);
        fixture.writeConfig(orders("") + ITEMS);
        return fixture;
    }

    private static BridgeService startedInSync(BridgeFixture fixture) throws Exception {
        fixture.legacy.execute("INSERT INTO ord VALUES (1, 'first', 1.50), (2, 'second', 2.50)", "INSERT INTO itm VALUES (1, 'bolt')");
        BridgeService service = fixture.start();
        fixture.awaitReady(service, TIMEOUT);
        fixture.awaitInSync("orders", TIMEOUT);
        fixture.awaitInSync("items", TIMEOUT);
        return service;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> binding(BridgeService service, String name) {
        return ((List<Map<String, Object>>) service.status().get("bindings")).stream().filter(b -> name.equals(b.get("name")))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> differences(BridgeService service, String name) {
        return (List<Map<String, Object>>) ((Map<String, Object>) binding(service, name).get("drift")).get("differences");
    }

    private static void awaitPaused(BridgeService service, String name) {
        await("binding " + name + " paused for drift").atMost(TIMEOUT)
                .until(() -> "PAUSED".equals(binding(service, name).get("state"))
                        && "schema drift".equals(binding(service, name).get("pausedBy")));
    }

    /** The other binding flows while orders is paused, and nothing was dead-lettered for the drift. */
    private static void assertOnlyOrdersPaused(BridgeFixture fixture, BridgeService service, int itemId) {
        fixture.legacy.execute("INSERT INTO itm VALUES (" + itemId + ", 'still flowing')");
        await("items keep flowing").atMost(TIMEOUT).until(() -> !fixture.newRows("SELECT id FROM items WHERE id = " + itemId).isEmpty());
        assertThat(service.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(binding(service, "items").get("state")).isEqualTo("STREAMING");
        assertThat(binding(service, "orders").get("deadLettered")).isEqualTo(0L);
        assertThat(TopicRecords.readAll(SharedKafka.clientProperties(), TopicNames.deadLetters(fixture.name))).isEmpty();
        assertThat(service.isReady()).isFalse();
        assertThat(service.notReady()).singleElement().asString().contains("binding 'orders'");
    }

    @Test
    void aColumnAddedToTheLegacyTablePausesItsBindingAloneAndARestartWithItMappedAppliesTheHeldChangesInOrder() throws Exception {
        try (BridgeFixture fixture = fixture("drift_added")) {
            BridgeService service = startedInSync(fixture);

            fixture.legacy.execute("ALTER TABLE ord ADD COLUMN discount integer",
                    "INSERT INTO ord VALUES (3, 'third', 3.50, 5)",
                    "UPDATE ord SET note = 'first, changed' WHERE id = 1",
                    "UPDATE ord SET discount = 6 WHERE id = 3",
                    "UPDATE ord SET discount = 7, note = 'third, last' WHERE id = 3");

            awaitPaused(service, "orders");
            assertThat(differences(service, "orders")).singleElement().satisfies(d -> {
                assertThat(d).containsEntry("column", "discount").containsEntry("change", "added").containsEntry("compatible", false);
                assertThat((String) d.get("fix")).contains("columns.discount: <new column>", "columns.discount: {ignore: true}");
            });
            assertOnlyOrdersPaused(fixture, service, 2);
            fixture.legacy.execute("INSERT INTO ord VALUES (4, 'while paused', 4.50, 1)");
            await().atMost(TIMEOUT).until(() -> ((Number) binding(service, "orders").get("captured")).longValue() >= 7);
            assertThat(fixture.newRows("SELECT note FROM orders WHERE id = 1")).containsExactly(Map.of("note", "first"));
            service.close();

            // A restart before the fix: the configuration does not fit the tables, yet only the binding waits.
            BridgeService unfixed = fixture.start();
            awaitPaused(unfixed, "orders");
            assertThat(((Map<?, ?>) binding(unfixed, "orders").get("drift")).get("configurationProblems")).asString()
                    .contains("columns.discount");
            assertThat(differences(unfixed, "orders")).extracting(d -> d.get("column")).containsExactly("discount");
            fixture.legacy.execute("UPDATE ord SET note = 'across restart' WHERE id = 4");
            assertOnlyOrdersPaused(fixture, unfixed, 3);
            await().atMost(TIMEOUT).until(() -> ((Number) binding(unfixed, "orders").get("captured")).longValue() >= 1);
            unfixed.close();

            // The fix: the new table gets the column, which the unchanged configuration maps by name.
            fixture.neu.execute("ALTER TABLE orders ADD COLUMN discount integer");
            BridgeService restarted = fixture.start();
            fixture.awaitReady(restarted, TIMEOUT);
            fixture.legacy.execute("INSERT INTO ord VALUES (5, 'after the restart', 5.50, 2)");

            fixture.awaitInSync("orders", TIMEOUT);
            assertThat(fixture.newRows("SELECT id, note, coalesce(discount, -1) AS discount FROM orders WHERE id IN (1, 3, 4, 5)"
                    + " ORDER BY id")).containsExactly(
                    Map.of("id", 1, "note", "first, changed", "discount", -1),
                    Map.of("id", 3, "note", "third, last", "discount", 7),
                    Map.of("id", 4, "note", "across restart", "discount", 1),
                    Map.of("id", 5, "note", "after the restart", "discount", 2));
            assertThat(binding(restarted, "orders").get("state")).isEqualTo("STREAMING");
        }
    }

    @Test
    void aNotNullColumnWithoutDefaultAddedToTheNewTablePausesItsBindingAloneAndResumesOnceItHasADefault() throws Exception {
        try (BridgeFixture fixture = fixture("drift_notnull")) {
            BridgeService service = startedInSync(fixture);

            // Existing rows get 'XX'; from then on an insert must name the region.
            fixture.neu.execute("ALTER TABLE orders ADD COLUMN region text NOT NULL DEFAULT 'XX'",
                    "ALTER TABLE orders ALTER COLUMN region DROP DEFAULT");
            fixture.legacy.execute("INSERT INTO ord VALUES (10, 'needs a region', 10.00)", "UPDATE ord SET note = 'two' WHERE id = 2");

            awaitPaused(service, "orders");
            assertThat(differences(service, "orders")).singleElement().satisfies(d -> {
                assertThat(d).containsEntry("column", "region").containsEntry("change", "added");
                assertThat((String) d.get("fix")).contains("ALTER TABLE public.orders ALTER COLUMN region SET DEFAULT");
            });
            assertOnlyOrdersPaused(fixture, service, 10);
            service.close();

            // A restart with the table fixed but not the configuration: the binding starts paused again.
            fixture.neu.execute("ALTER TABLE orders ALTER COLUMN region SET DEFAULT 'EU'");
            BridgeService unfixed = fixture.start();
            awaitPaused(unfixed, "orders");
            assertThat(((Map<?, ?>) binding(unfixed, "orders").get("drift")).get("configurationProblems")).asString()
                    .contains("defaults.region");
            assertOnlyOrdersPaused(fixture, unfixed, 11);
            unfixed.close();

            fixture.writeConfig(orders("defaults: { region: null }") + ITEMS);
            BridgeService restarted = fixture.start();
            fixture.awaitReady(restarted, TIMEOUT);

            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
                    fixture.newRows("SELECT id, note, region FROM orders WHERE id IN (2, 10) ORDER BY id")).containsExactly(
                            Map.of("id", 2, "note", "two", "region", "XX"),
                            Map.of("id", 10, "note", "needs a region", "region", "EU")));
            assertThat(binding(restarted, "orders").get("state")).isEqualTo("STREAMING");
        }
    }

    @Test
    void aMappedLegacyColumnDroppedPausesItsBindingInsteadOfStoppingTheBridge() throws Exception {
        try (BridgeFixture fixture = fixture("drift_dropped")) {
            BridgeService service = startedInSync(fixture);

            fixture.legacy.execute("ALTER TABLE ord DROP COLUMN note", "INSERT INTO ord VALUES (20, 20.00)");

            awaitPaused(service, "orders");
            assertThat(differences(service, "orders")).singleElement().satisfies(d -> {
                assertThat(d).containsEntry("column", "note").containsEntry("change", "dropped");
                assertThat((String) d.get("fix")).contains("public.orders.note", "defaults.note");
            });
            assertOnlyOrdersPaused(fixture, service, 20);
            assertThat(fixture.newRows("SELECT id FROM orders WHERE id = 20")).isEmpty();
        }
    }

    @Test
    void aLegacyDecimalWidenedBeyondItsNewColumnPausesItsBindingAndResumesOnceTheNewColumnIsWidened() throws Exception {
        try (BridgeFixture fixture = fixture("drift_widened")) {
            BridgeService service = startedInSync(fixture);

            fixture.legacy.execute("ALTER TABLE ord ALTER COLUMN amount TYPE numeric(14,2)",
                    "INSERT INTO ord VALUES (40, 'fits', 40.00)",
                    "INSERT INTO ord VALUES (41, 'too wide for orders', 123456789012.34)",
                    "UPDATE ord SET note = 'after the wide one' WHERE id = 40");

            awaitPaused(service, "orders");
            assertThat(differences(service, "orders")).singleElement().satisfies(d -> {
                assertThat(d).containsEntry("column", "amount").containsEntry("change", "type changed")
                        .containsEntry("was", "numeric(10,2) NULL").containsEntry("now", "numeric(14,2) NULL");
                assertThat((String) d.get("fix")).contains("widen public.orders.amount so it holds numeric(14,2)");
            });
            assertOnlyOrdersPaused(fixture, service, 40);
            service.close();

            fixture.neu.execute("ALTER TABLE orders ALTER COLUMN amount TYPE numeric(14,2)");
            BridgeService restarted = fixture.start();
            fixture.awaitReady(restarted, TIMEOUT);

            fixture.awaitInSync("orders", TIMEOUT);
            assertThat(fixture.newRows("SELECT id, note, amount FROM orders WHERE id IN (40, 41) ORDER BY id")).containsExactly(
                    Map.of("id", 40, "note", "after the wide one", "amount", new BigDecimal("40.00")),
                    Map.of("id", 41, "note", "too wide for orders", "amount", new BigDecimal("123456789012.34")));
        }
    }

    @Test
    void aColumnAddedToACapturedMariaDbTablePausesItsBindingAloneAndResumesOnceMapped() throws Exception {
        String bridge = "drift_maria_" + Long.toHexString(System.nanoTime() & 0xFFFFFFL);
        try (MariaDbTestDatabase maria = MariaDbTestDatabase.create("cutover_it_driftl");
                PostgresTestDatabase pg = PostgresTestDatabase.create("cutover_it_driftn")) {
            maria.execute("CREATE TABLE ord (id int PRIMARY KEY, note varchar(20), amount decimal(10,2))",
                    "CREATE TABLE itm (id int PRIMARY KEY, name text)", "INSERT INTO ord VALUES (1, 'first', 1.50)");
            pg.execute(NEW_DDL);
            Path config = dir.resolve("maria.yaml");
            Files.writeString(config, """
                    name: %s
                    data-dir: state-maria
                    kafka: { bootstrap: "%s" }
                    systems:
                      legacy: { kind: mariadb, jdbc-url: "%s", user: %s }
                      new:    { kind: postgresql, jdbc-url: "%s", user: %s }
                    http: { address: "127.0.0.1:0" }
                    tuning: { heartbeat-interval: PT1S }
                    bindings:
                      - { name: orders, legacy: %s.ord, new: public.orders, direction: legacy-to-new }
                      - { name: items, legacy: %s.itm, new: public.items, direction: legacy-to-new }
                    """.formatted(bridge, SharedKafka.bootstrapServers(), maria.jdbcUrl(), maria.user(), pg.jdbcUrl(), pg.user(),
                    maria.name(), maria.name()));
            try (BridgeService service = new BridgeService(ConfigLoader.load(config), Clock.systemUTC())) {
                service.start();
                Readiness.awaitReady(service, TIMEOUT, maria, pg);
                await().atMost(TIMEOUT).until(() -> !pg.queryRows("SELECT id FROM orders WHERE id = 1").isEmpty());

                maria.execute("ALTER TABLE ord ADD COLUMN discount int", "INSERT INTO ord VALUES (2, 'second', 2.50, 5)",
                        "INSERT INTO itm VALUES (2, 'still flowing')");

                awaitPaused(service, "orders");
                assertThat(differences(service, "orders")).extracting(d -> d.get("column")).containsExactly("discount");
                await().atMost(TIMEOUT).until(() -> !pg.queryRows("SELECT id FROM items WHERE id = 2").isEmpty());
                assertThat(binding(service, "orders").get("deadLettered")).isEqualTo(0L);
            }
            pg.execute("ALTER TABLE orders ADD COLUMN discount integer");
            try (BridgeService restarted = new BridgeService(ConfigLoader.load(config), Clock.systemUTC())) {
                restarted.start();
                await().atMost(TIMEOUT).untilAsserted(() -> assertThat(pg.queryRows("SELECT id, discount FROM orders WHERE id = 2"))
                        .containsExactly(Map.of("id", 2, "discount", 5)));
                assertThat(binding(restarted, "orders").get("state")).isEqualTo("STREAMING");
            }
        }
    }

    @Test
    void aNullableColumnAddedToTheNewTableAndAVarcharWidenedOnTheLegacySideKeepFlowing() throws Exception {
        try (BridgeFixture fixture = fixture("drift_compatible")) {
            BridgeService service = startedInSync(fixture);

            fixture.neu.execute("ALTER TABLE orders ADD COLUMN remark text");
            fixture.legacy.execute("ALTER TABLE ord ALTER COLUMN note TYPE varchar(40)",
                    "ALTER TABLE ord ALTER COLUMN amount TYPE numeric(12,2)",
                    "INSERT INTO ord VALUES (30, 'a note of thirty-five characters!!', 30.00)",
                    "UPDATE ord SET amount = 31.00 WHERE id = 30", "INSERT INTO itm VALUES (30, 'nut')");

            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
                    fixture.newRows("SELECT id, note, amount FROM orders WHERE id = 30 AND remark IS NULL")).containsExactly(
                            Map.of("id", 30, "note", "a note of thirty-five characters!!", "amount", new BigDecimal("31.00"))));
            await().atMost(TIMEOUT).until(() -> !fixture.newRows("SELECT id FROM items WHERE id = 30").isEmpty());
            assertThat(binding(service, "orders").get("state")).isEqualTo("STREAMING");
            assertThat(binding(service, "orders").get("deadLettered")).isEqualTo(0L);
            assertThat(service.isReady()).isTrue();
            assertThat(TopicRecords.readAll(SharedKafka.clientProperties(), TopicNames.held(fixture.name))).isEmpty();
        }
    }
}
