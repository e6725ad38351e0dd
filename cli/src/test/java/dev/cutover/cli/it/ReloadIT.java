package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.kafka.TopicNames;
import dev.cutover.testkit.kafka.SharedKafka;
import dev.cutover.debezium.CaptureOptions;
import dev.cutover.runtime.BridgeService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover reload}: a running bridge takes a changed configuration file. Added bindings
 * start (loading only their table), removed ones stop, and a binding's direction switches as a
 * guarded procedure (drain, verify, keys, switch) while its legacy application keeps writing, one
 * direction after another and back, each switch ending with the tables equal and no key colliding.
 */
class ReloadIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void anAddedBindingStartsWithItsTableLoadedAndARemovedOneStopsWhileTheOthersKeepFlowing() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_reload", dir)) {
            for (String name : List.of("alpha", "beta", "gamma")) {
                fixture.legacy.execute("CREATE TABLE " + name + "_legacy (id integer PRIMARY KEY, v text NOT NULL)",
                        "INSERT INTO " + name + "_legacy SELECT g, '" + name + "' || g FROM generate_series(1, 50) g");
                fixture.neu.execute("CREATE TABLE " + name + "_new (id integer PRIMARY KEY, v text NOT NULL)");
            }
            // delta flows the other way: the reload below touches neither its capture nor its applier.
            fixture.legacy.execute("CREATE TABLE delta_legacy (id integer PRIMARY KEY, v text NOT NULL)");
            fixture.neu.execute("CREATE TABLE delta_new (id integer PRIMARY KEY, v text NOT NULL)",
                    "INSERT INTO delta_new SELECT g, 'delta' || g FROM generate_series(1, 50) g");
            Path config = fixture.writeConfig(bindings("alpha", "legacy-to-new") + bindings("beta", "legacy-to-new")
                    + bindings("delta", "new-to-legacy"));
            BridgeService service = fixture.start();
            fixture.awaitReady(service, TIMEOUT);
            fixture.awaitInSync("beta", TIMEOUT);
            fixture.awaitInSync("delta", TIMEOUT);
            String yaml = Files.readString(config);
            Map<String, Object> enginesBefore = engineStarts(service);
            double deltaAppliedBefore = applied(service, "delta");

            Files.writeString(config, yaml.replace(bindings("beta", "legacy-to-new").indent(2), bindings("gamma", "legacy-to-new").indent(2)));
            try (BackgroundWrites deltaWriter = BackgroundWrites.inserts(fixture.neu, "delta_new", 1000)) {
                CliRun reload = CliRun.of("reload", "--config", config.toString(), "--url", url(service));

                assertThat(reload.code()).as(reload.printed()).isZero();
                assertThat(reload.out()).contains("1 added, 1 removed").contains("reload-restart").contains("reloaded:")
                        .contains("kept running: applier of legacy, capture of new; restarted: capture of legacy, applier of new");
                assertThat(deltaWriter.written()).as("delta's application wrote while the reload ran").isPositive();
            }
            assertThat(captureStatus(service, "legacy")).as("the restarted capture's own beat came back before the reload ended:"
                    + " it streams").containsEntry("streaming", true).extractingByKey("lastBeatRow").isNotNull();
            Map<String, Object> enginesAfter = engineStarts(service);
            assertThat(enginesAfter.get("new")).as("the new database's capture, delta's only, kept running").isEqualTo(enginesBefore.get("new"));
            assertThat(enginesAfter.get("legacy")).as("the legacy capture restarted with gamma's table").isNotEqualTo(enginesBefore.get("legacy"));
            fixture.awaitInSync("delta", TIMEOUT);
            fixture.awaitInSync("gamma", TIMEOUT);
            assertThat(applied(service, "delta")).as("the kept binding's counters kept counting across the reload")
                    .isGreaterThan(deltaAppliedBefore);
            assertThat(service.registry().scrape()).contains("cutover_binding_state{binding=\"gamma\",state=\"streaming\",system=\"new\"} 1.0")
                    .doesNotContain("cutover_binding_state{binding=\"beta\"");
            fixture.legacy.execute("INSERT INTO alpha_legacy VALUES (51, 'alpha51')", "INSERT INTO beta_legacy VALUES (51, 'beta51')");
            fixture.awaitInSync("alpha", TIMEOUT);
            assertThat(fixture.newRows("SELECT count(*) AS n FROM beta_new")).as("the removed binding applies nothing more")
                    .containsExactly(Map.of("n", 50L));
            assertThat(service.history().entries(null)).extracting(e -> e.event()).contains("reload-restart")
                    .doesNotContain("bridge-stop");

            Files.writeString(config, yaml.replace(bindings("beta", "legacy-to-new").indent(2), ""));
            CliRun purge = CliRun.of("reload", "--config", config.toString(), "--url", url(service), "--purge");
            assertThat(purge.code()).as(purge.printed()).isZero();
            assertThat(purge.out()).containsPattern("gamma +binding-purge +done");
            assertThat(topics()).as("removed with --purge: its topic is deleted; removed without: kept")
                    .doesNotContain(changeTopic(fixture, "gamma")).contains(changeTopic(fixture, "beta"), changeTopic(fixture, "alpha"));
            fixture.legacy.execute("INSERT INTO alpha_legacy VALUES (52, 'alpha52')");
            fixture.awaitInSync("alpha", TIMEOUT);
        }
    }

    @Test
    void aTableWalksFromOneWayToTwoWayToNewToLegacyAndBackWithItsLegacyApplicationWriting() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_switch", dir)) {
            fixture.legacy.execute("CREATE TABLE items_legacy (id serial PRIMARY KEY, v text NOT NULL)",
                    "INSERT INTO items_legacy (v) SELECT 'seed' || g FROM generate_series(1, 200) g");
            fixture.neu.execute("CREATE TABLE items_new (id serial PRIMARY KEY, v text NOT NULL)",
                    "ALTER TABLE items_new REPLICA IDENTITY FULL");
            Path config = fixture.writeConfig(bindings("items", "legacy-to-new"));
            BridgeService service = fixture.start();
            fixture.awaitReady(service, TIMEOUT);
            fixture.awaitInSync("items", TIMEOUT);

            try (BackgroundWrites writer = BackgroundWrites.items(fixture.legacy, "live")) {
                // Both sides' sequences count by one: once both insert, they would hand out the same keys.
                Files.writeString(config, Files.readString(config).replaceFirst("direction: [a-z-]+", "direction: two-way"));
                CliRun collide = CliRun.of("reload", "--config", config.toString(), "--url", url(service));
                assertThat(collide.code()).as(collide.printed()).isEqualTo(2);
                assertThat(collide.printed()).contains("refused", "both sides generate keys", "INCREMENT BY 2")
                        .doesNotContain("switch-drain");
                assertThat(service.status().toString()).contains("direction=legacy-to-new");
                assertThat(fixture.neu.queryRows("SELECT is_called FROM items_new_id_seq")).as("a refused switch moves no sequence")
                        .containsExactly(Map.of("is_called", false));

                // As the refusal says: odd keys on legacy, even ones on new.
                fixture.legacy.execute("ALTER SEQUENCE items_legacy_id_seq INCREMENT BY 2 RESTART WITH 100001");
                fixture.neu.execute("ALTER SEQUENCE items_new_id_seq INCREMENT BY 2 RESTART WITH 2");
                CliRun toTwoWay = switchTo(fixture, config, service, "two-way");
                assertThat(toTwoWay.out()).contains("switch-drain", "switch-verify", "switch-keys", "reload-restart")
                        .containsPattern("new \\S*items_new_id_seq\\S* next 2 -> \\d*[02468] ")
                        .contains("never meet");
                writer.awaitMore(20);
            }
            fixture.neu.execute("INSERT INTO items_new (v) VALUES ('written on new')");
            fixture.awaitInSync("items", TIMEOUT);
            assertThat(fixture.legacy.queryRows("SELECT count(*) AS n FROM items_legacy WHERE v = 'written on new'"))
                    .containsExactly(Map.of("n", 1L));

            // A one-way binding added beside the two-way one restarts the legacy capture and the new applier only:
            // the follower's capture and the arbiter's applier keep running, sharing what they know of echoes.
            fixture.legacy.execute("CREATE TABLE extra_legacy (id integer PRIMARY KEY, v text NOT NULL)",
                    "INSERT INTO extra_legacy SELECT g, 'extra' || g FROM generate_series(1, 20) g");
            fixture.neu.execute("CREATE TABLE extra_new (id integer PRIMARY KEY, v text NOT NULL)");
            String twoWay = Files.readString(config);
            Files.writeString(config, twoWay + bindings("extra", "legacy-to-new").indent(2));
            CliRun added = CliRun.of("reload", "--config", config.toString(), "--url", url(service));
            assertThat(added.code()).as(added.printed()).isZero();
            assertThat(added.out()).contains("kept running: applier of legacy, capture of new; restarted: capture of legacy, applier of new");
            fixture.neu.execute("INSERT INTO items_new (v) VALUES ('new beside extra')", "UPDATE items_new SET v = 'new again' WHERE id = 2");
            fixture.legacy.execute("INSERT INTO items_legacy (v) VALUES ('legacy beside extra')", "UPDATE items_legacy SET v = 'legacy again' WHERE id = 3");
            fixture.awaitInSync("extra", TIMEOUT);
            fixture.awaitInSync("items", TIMEOUT);
            Files.writeString(config, twoWay);
            CliRun removed = CliRun.of("reload", "--config", config.toString(), "--url", url(service));
            assertThat(removed.code()).as(removed.printed()).isZero();
            assertThat(removed.out()).contains("kept running: applier of legacy, capture of new");

            switchTo(fixture, config, service, "new-to-legacy");
            assertThat(slots(fixture)).as("nothing captures legacy any more: its slot no longer holds WAL")
                    .containsExactly(CaptureOptions.defaultSlotName(fixture.name, SystemSide.NEW));
            assertThat(service.history().entries(null)).extracting(e -> e.event() + " " + e.outcome().label())
                    .contains("capture-retired done");
            fixture.neu.execute("INSERT INTO items_new (v) VALUES ('owned by new')", "UPDATE items_new SET v = 'updated on new' WHERE id = 1");
            fixture.awaitInSync("items", TIMEOUT);

            CliRun back = switchTo(fixture, config, service, "legacy-to-new");
            assertThat(back.out()).as("legacy takes inserts again: its sequence moves past new's keys")
                    .containsPattern("legacy \\S*items_legacy_id_seq\\S* next \\d+ -> \\d+");
            fixture.legacy.execute("INSERT INTO items_legacy (v) VALUES ('legacy again')");
            fixture.awaitInSync("items", TIMEOUT);
            assertThat(slots(fixture)).containsExactly(CaptureOptions.defaultSlotName(fixture.name, SystemSide.LEGACY));

            // Retired, then taken up again two-way: nothing is captured meanwhile, so verify decides that no load is needed.
            Files.writeString(config, Files.readString(config).replaceFirst("direction: [a-z-]+", "direction: none"));
            CliRun retire = CliRun.of("reload", "--config", config.toString(), "--url", url(service));
            assertThat(retire.code()).as(retire.printed()).isZero();
            assertThat(service.status().toString()).contains("state=NOT_SYNCED");
            assertThat(slots(fixture)).as("nothing captured, no slot kept").isEmpty();
            assertThat(service.history().entries("items")).as("the retirement is recorded like any switch")
                    .anyMatch(e -> e.event().equals("switch") && e.message().contains("legacy-to-new -> none"));
            CliRun revived = switchTo(fixture, config, service, "two-way");
            assertThat(revived.out()).contains("switch-verify", "never meet").doesNotContain("switch-drain");
            fixture.neu.execute("INSERT INTO items_new (v) VALUES ('two-way again')");
            fixture.legacy.execute("INSERT INTO items_legacy (v) VALUES ('legacy in two-way')");
            fixture.awaitInSync("items", TIMEOUT);
            switchTo(fixture, config, service, "legacy-to-new");
            fixture.legacy.execute("UPDATE items_legacy SET v = 'after the rollback' WHERE v = 'legacy in two-way'");
            fixture.awaitInSync("items", TIMEOUT);
            assertThat(service.history().entries("items")).extracting(e -> e.event() + " " + e.outcome().label())
                    .contains("switch-drain done", "switch-verify done", "switch-keys done", "switch done");
        }
    }

    @Test
    void aSwitchWhoseTablesDifferStopsAtVerifyAndChangesNothing() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_switch_refused", dir)) {
            fixture.legacy.execute("CREATE TABLE items_legacy (id integer PRIMARY KEY, v text NOT NULL)",
                    "INSERT INTO items_legacy SELECT g, 'v' || g FROM generate_series(1, 20) g");
            fixture.neu.execute("CREATE TABLE items_new (id integer PRIMARY KEY, v text NOT NULL)", "ALTER TABLE items_new REPLICA IDENTITY FULL");
            Path config = fixture.writeConfig(bindings("items", "legacy-to-new"));
            BridgeService service = fixture.start();
            fixture.awaitReady(service, TIMEOUT);
            fixture.awaitInSync("items", TIMEOUT);
            fixture.neu.execute("UPDATE items_new SET v = 'drifted' WHERE id = 7");
            String yaml = Files.readString(config);

            Files.writeString(config, yaml.replace("direction: legacy-to-new", "direction: two-way"));
            CliRun reload = CliRun.of("reload", "--config", config.toString(), "--url", url(service));

            assertThat(reload.code()).as(reload.printed()).isEqualTo(3);
            assertThat(reload.out()).containsPattern("switch-verify +failed");
            assertThat(reload.err()).contains("the tables differ through the mapping");
            assertThat(service.status().toString()).contains("direction=legacy-to-new");
        }
    }

    /** Reloads {@code config} with the binding's direction changed to {@code to}; asserts it succeeded. */
    private static CliRun switchTo(BridgeFixture fixture, Path config, BridgeService service, String to) throws Exception {
        String yaml = Files.readString(config);
        Files.writeString(config, yaml.replaceFirst("direction: [a-z-]+", "direction: " + to));
        CliRun reload = CliRun.of("reload", "--config", config.toString(), "--url", url(service));
        System.out.println("SWITCH TO " + to + ":\n" + reload.out());
        assertThat(reload.code()).as(reload.printed()).isZero();
        fixture.awaitReady(service, TIMEOUT);
        fixture.awaitInSync("items", TIMEOUT);
        return reload;
    }

    /** {@code cutover_events_total} of {@code binding}'s applied changes, as scraped. */
    private static double applied(BridgeService service, String binding) {
        Matcher m = Pattern.compile("cutover_events_total\\{binding=\"" + binding + "\",[^}]*outcome=\"applied\"} ([0-9.E]+)")
                .matcher(service.registry().scrape());
        assertThat(m.find()).as("applied counter of " + binding).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> captureStatus(BridgeService service, String system) {
        return ((Map<String, Map<String, Object>>) service.status().get("captures")).get(system);
    }

    /** When each capture's engine last started, by system, as {@code /status} shows it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> engineStarts(BridgeService service) {
        Map<String, Map<String, Object>> captures = (Map<String, Map<String, Object>>) service.status().get("captures");
        Map<String, Object> starts = new TreeMap<>();
        captures.forEach((system, capture) -> starts.put(system, capture.get("engineStartedAt")));
        assertThat(starts.values()).as("every capture shows when its engine started").doesNotContainNull();
        return starts;
    }

    private static String changeTopic(BridgeFixture fixture, String binding) {
        return TopicNames.changes(fixture.name, SystemSide.NEW, new TableId("public", binding + "_new"));
    }

    private static Set<String> topics() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            return admin.listTopics().names().get();
        }
    }

    /** Which of this bridge's two replication slots exist (both test databases live on the machine's PostgreSQL). */
    private static List<String> slots(BridgeFixture fixture) {
        String legacy = CaptureOptions.defaultSlotName(fixture.name, SystemSide.LEGACY);
        String neu = CaptureOptions.defaultSlotName(fixture.name, SystemSide.NEW);
        return fixture.legacy.queryRows("SELECT slot_name FROM pg_replication_slots WHERE slot_name IN ('" + legacy + "', '" + neu
                + "') ORDER BY slot_name").stream().map(row -> String.valueOf(row.get("slot_name"))).toList();
    }

    private static String bindings(String name, String direction) {
        return """
                - name: %s
                  legacy: public.%s_legacy
                  new: public.%s_new
                  direction: %s
                """.formatted(name, name, name, direction);
    }

    private static String url(BridgeService service) {
        return "http://127.0.0.1:" + service.httpPort();
    }
}
