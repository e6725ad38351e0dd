package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ConfigLoader;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.runtime.BridgeService;
import dev.cutover.testkit.TestDatabase;
import dev.cutover.testkit.kafka.SharedKafka;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover reload} switching the direction of a table whose keys come from a MariaDB
 * {@code AUTO_INCREMENT}, against a PostgreSQL serial on the other side, while the legacy
 * application keeps writing: the switch to two-way is refused until the two generators can never
 * meet, and each switch ends with the tables equal through the mapping.
 *
 * <p>MariaDB's {@code auto_increment_increment} and {@code auto_increment_offset} are server-wide,
 * so these tests run a MariaDB server of their own (in the test's directory, on a free port) rather
 * than change the settings of the machine's server under every other test.
 */
class MariaDbReloadIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** The legacy half of the refusal's fix. */
    private static final Pattern LEGACY_FIX = Pattern.compile("ALTER TABLE `[^`]+`\\.`items_legacy` AUTO_INCREMENT = \\d+");
    /** The new half of the refusal's fix. */
    private static final Pattern NEW_FIX = Pattern.compile("ALTER SEQUENCE \"public\"\\.\"items_new_id_seq\" INCREMENT BY 2 RESTART WITH \\d+");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private OwnMariaDbServer server;
    private MariaDbTestDatabase maria;
    private PostgresTestDatabase pg;
    private BridgeService service;
    /** Whether the legacy side is the MariaDB one. */
    private boolean mariaDbLegacy;

    @AfterEach
    void stop() throws Exception {
        Closing.all(service, pg, maria, server);
    }

    @Test
    void aMariaDbLegacyTableWalksFromOneWayToTwoWayToNewToLegacyAndBackWithItsLegacyApplicationWriting() throws Exception {
        maria = ownMariaDb();
        pg = PostgresTestDatabase.create("cutover_it_mreload");
        maria.execute("CREATE TABLE items_legacy (id int AUTO_INCREMENT PRIMARY KEY, v varchar(80) NOT NULL)",
                "INSERT INTO items_legacy (v) SELECT concat('seed', seq) FROM seq_1_to_200");
        pg.execute("CREATE TABLE items_new (id serial PRIMARY KEY, v text NOT NULL)", "ALTER TABLE items_new REPLICA IDENTITY FULL");
        Path config = writeConfig(SystemsYaml.mariaDb(maria), SystemsYaml.postgres(pg), maria.name(), "public");
        startBridge(config);

        String[] fix;
        try (BackgroundWrites writer = BackgroundWrites.items(maria, "live")) {
            // Both counters step by one: once both sides insert, they would hand out the same keys.
            CliRun collide = reload(config, "two-way");
            System.out.println("REFUSED SWITCH TO two-way:\n" + collide.out());
            // Refused before the switch drains or verifies anything: the plan reads the generators.
            assertThat(collide.code()).as(collide.printed()).isEqualTo(2);
            assertThat(collide.printed()).contains("refused", "both sides generate keys")
                    .contains("set auto_increment_increment=2 and auto_increment_offset=1 in the server's configuration")
                    .doesNotContain("switch-drain");
            assertThat(service.status().toString()).contains("direction=legacy-to-new");
            fix = new String[] {find(LEGACY_FIX, collide.printed()), find(NEW_FIX, collide.printed())};
            writer.awaitMore(20);
        }
        // As the refusal says: odd keys on legacy (server-wide, taken by the sessions the application opens from now on), even on new.
        maria.execute("SET GLOBAL auto_increment_increment = 2", "SET GLOBAL auto_increment_offset = 1", fix[0]);
        pg.execute(fix[1]);
        try (BackgroundWrites writer = BackgroundWrites.items(maria, "odd")) {
            CliRun toTwoWay = switchTo(config, "two-way");
            assertThat(toTwoWay.out()).contains("switch-drain", "switch-verify", "switch-keys", "reload-restart")
                    .containsPattern("new \\S*items_new_id_seq\\S* next \\d+ -> \\d*[02468] ")
                    .contains("never meet");
            writer.awaitMore(20);
        }
        pg.execute("INSERT INTO items_new (v) VALUES ('written on new')");
        awaitInSync(config);
        assertThat(number(maria, "SELECT id % 2 FROM items_legacy WHERE v = 'written on new'"))
                .as("new's key arrived on legacy, and it is even").isZero();
        assertThat(number(maria, "SELECT count(*) FROM items_legacy WHERE v LIKE 'odd%' AND id % 2 = 0"))
                .as("legacy's keys since the fix are odd").isZero();

        switchTo(config, "new-to-legacy");
        pg.execute("INSERT INTO items_new (v) VALUES ('owned by new')", "UPDATE items_new SET v = 'updated on new' WHERE id = 1");
        awaitInSync(config);

        CliRun back = switchTo(config, "legacy-to-new");
        // MariaDB moves a counter past every key inserted explicitly, new's applied ones too: the step may find nothing to move.
        long[] moved = movedPast("legacy", "`" + maria.name() + "`.`items_legacy`.AUTO_INCREMENT", back.out());
        assertThat(moved[1]).as("legacy's next key is past the highest key of either table").isGreaterThan(moved[2]);
        maria.execute("INSERT INTO items_legacy (v) VALUES ('legacy again')");
        awaitInSync(config);
        assertThat(number(pg, "SELECT id FROM items_new WHERE v = 'legacy again'")).isGreaterThan(moved[2]);
        assertThat(service.history().entries("items")).extracting(e -> e.event() + " " + e.outcome().label())
                .contains("switch-drain done", "switch-verify done", "switch-keys done", "switch done");
    }

    @Test
    void aMariaDbNewTableTakesOverInsertsPastThePostgresLegacyKeys() throws Exception {
        pg = PostgresTestDatabase.create("cutover_it_mreload");
        maria = ownMariaDb();
        pg.execute("CREATE TABLE items_legacy (id serial PRIMARY KEY, v text NOT NULL)",
                "INSERT INTO items_legacy (v) SELECT 'seed' || g FROM generate_series(1, 200) g");
        maria.execute("CREATE TABLE items_new (id int AUTO_INCREMENT PRIMARY KEY, v varchar(80) NOT NULL)");
        Path config = writeConfig(SystemsYaml.postgres(pg), SystemsYaml.mariaDb(maria), "public", maria.name());
        startBridge(config);
        try (BackgroundWrites writer = BackgroundWrites.items(pg, "live")) {
            writer.awaitMore(20);
        }

        CliRun toNew = switchTo(config, "new-to-legacy");
        // The loaded rows came with their keys, which moved the counter already: the step may find nothing to move.
        long[] moved = movedPast("new", "`" + maria.name() + "`.`items_new`.AUTO_INCREMENT", toNew.out());
        assertThat(moved[1]).as("new's next key is past the highest key of either table").isGreaterThan(moved[2]);
        maria.execute("INSERT INTO items_new (v) VALUES ('owned by new')", "UPDATE items_new SET v = 'updated on new' WHERE id = 1");
        awaitInSync(config);
        assertThat(number(pg, "SELECT id FROM items_legacy WHERE v = 'owned by new'")).isGreaterThan(moved[2]);
        assertThat(service.history().entries("items")).extracting(e -> e.event() + " " + e.outcome().label())
                .contains("switch-drain done", "switch-verify done", "switch-keys done", "switch done");
    }

    /** Reloads {@code config} with the binding's direction changed to {@code to}; asserts it succeeded and the tables are equal. */
    private CliRun switchTo(Path config, String to) throws Exception {
        CliRun reload = reload(config, to);
        System.out.println("SWITCH TO " + to + ":\n" + reload.out());
        assertThat(reload.code()).as(reload.printed()).isZero();
        Readiness.awaitReady(service, TIMEOUT, maria, pg);
        awaitInSync(config);
        return reload;
    }

    private CliRun reload(Path config, String to) throws IOException {
        Files.writeString(config, Files.readString(config).replaceFirst("direction: [a-z-]+", "direction: " + to));
        return CliRun.of("reload", "--config", config.toString(), "--url", "http://127.0.0.1:" + service.httpPort());
    }

    /**
     * The numbers of the switch-keys line moving {@code generator} of {@code side}: its next value
     * before and after, and the highest key of either table.
     */
    private static long[] movedPast(String side, String generator, String out) {
        Matcher m = Pattern.compile(Pattern.quote(side + " " + generator) + " next (\\d+) -> (\\d+) \\(past the highest key (\\d+) ")
                .matcher(out);
        assertThat(m.find()).as("a switch-keys line moving " + generator + " in:\n" + out).isTrue();
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
    }

    /** The one value of the one row {@code sql} returns. */
    private static long number(TestDatabase db, String sql) {
        List<Map<String, Object>> rows = db.queryRows(sql);
        assertThat(rows).as(sql).hasSize(1);
        return ((Number) rows.get(0).values().iterator().next()).longValue();
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(pattern + " in:\n" + text).isTrue();
        return m.group();
    }

    private void startBridge(Path config) throws Exception {
        service = new BridgeService(ConfigLoader.load(config), Clock.systemUTC());
        service.start();
        Readiness.awaitReady(service, TIMEOUT, maria, pg);
        awaitInSync(config);
    }

    /**
     * A database on a MariaDB server of this test's own: the switch's fix sets server-wide
     * {@code auto_increment_*} settings that other tests on the shared server must not see.
     */
    private MariaDbTestDatabase ownMariaDb() throws Exception {
        server = OwnMariaDbServer.start(dir.resolve("mariadb"));
        return MariaDbTestDatabase.createOnOwnServer(server.port(), "cutover_it_mreload");
    }

    /** Waits until the new table equals the mapped legacy table. */
    private void awaitInSync(Path config) throws Exception {
        JdbcConnectionFactory mariaDb = JdbcConnectionFactory.of(maria.jdbcUrl(), maria.user(), maria.password());
        JdbcConnectionFactory postgres = JdbcConnectionFactory.of(pg.jdbcUrl(), pg.user(), (String) null);
        BridgeFixture.awaitInSync(config, "items", mariaDbLegacy ? mariaDb : postgres, mariaDbLegacy ? postgres : mariaDb, TIMEOUT);
    }

    /** Writes {@code dir/cutover.yaml} with the one binding {@code items}, legacy-to-new. */
    private Path writeConfig(String legacySystem, String newSystem, String legacySchema, String newSchema) throws IOException {
        mariaDbLegacy = legacySystem.startsWith("kind: mariadb");
        String yaml = """
                name: %s
                data-dir: state
                kafka: { bootstrap: "%s", partitions: 2 }
                systems:
                  legacy: { %s }
                  new:    { %s }
                http: { address: "127.0.0.1:0" }
                tuning: { heartbeat-interval: PT1S }
                bindings:
                  - name: items
                    legacy: %s.items_legacy
                    new: %s.items_new
                    direction: legacy-to-new
                """.formatted(BridgeFixture.uniqueBridgeName("it_mreload"), SharedKafka.bootstrapServers(), legacySystem, newSystem,
                legacySchema, newSchema);
        Files.createDirectories(dir);
        Path file = dir.resolve("cutover.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
