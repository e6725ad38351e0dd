package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.config.BridgeConfig;
import dev.cutover.config.ConfigLoader;
import dev.cutover.core.conflict.ReflectionGuard;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.jdbc.JdbcRowReader;
import dev.cutover.runtime.metrics.MetricNames;
import dev.cutover.runtime.BindingCompiler;
import dev.cutover.runtime.BridgeService;
import dev.cutover.runtime.verify.TableComparison;
import dev.cutover.testkit.TestDatabase;
import dev.cutover.testkit.kafka.SharedKafka;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bridges across and within the database families: MariaDB legacy with PostgreSQL new, PostgreSQL
 * legacy with MariaDB new, and MariaDB on both sides, each with a one-way table in each direction
 * and a two-way table, on the real servers and Kafka.
 */
class MixedDatabasesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private PostgresTestDatabase pg;
    private MariaDbTestDatabase maria;
    private MariaDbTestDatabase second;
    private BridgeService service;
    private BridgeConfig config;

    @AfterEach
    void stop() throws Exception {
        Closing.all(service, maria, second, pg);
    }

    /** The legacy tables on MariaDB, with a row for the initial load and two for the batch copy. */
    private static final String[] MARIADB_LEGACY = {
        "CREATE TABLE cust_mstr (cust_id int PRIMARY KEY, cust_nm varchar(80), active tinyint(1) NOT NULL,"
                + " crt datetime(6) NOT NULL, bal decimal(12,2), prefs json, tier enum('gold','basic'))",
        "INSERT INTO cust_mstr VALUES (1, 'Ada', 1, '2026-01-02 03:04:05.123456', 10.50, '{\"a\": 1}', 'gold')",
        "CREATE TABLE acct (acct_id bigint PRIMARY KEY, email_addr varchar(200))",
        "CREATE TABLE item (item_id int PRIMARY KEY, item_nm varchar(40) NOT NULL, qty int NOT NULL)",
        "CREATE TABLE doc (doc_id int PRIMARY KEY, title varchar(40))", "INSERT INTO doc VALUES (1, 'copied'), (2, 'too')"};

    /** The same legacy tables on PostgreSQL. */
    private static final String[] POSTGRES_LEGACY = {
        "CREATE TABLE cust_mstr (cust_id int PRIMARY KEY, cust_nm varchar(80), active boolean NOT NULL,"
                + " crt timestamp NOT NULL, bal numeric(12,2), prefs jsonb, tier text)",
        "INSERT INTO cust_mstr VALUES (1, 'Ada', true, '2026-01-02 03:04:05.123456', 10.50, '{\"a\": 1}', 'gold')",
        "CREATE TABLE acct (acct_id bigint PRIMARY KEY, email_addr varchar(200))",
        "CREATE TABLE item (item_id int PRIMARY KEY, item_nm varchar(40) NOT NULL, qty int NOT NULL)",
        "CREATE TABLE doc (doc_id int PRIMARY KEY, title varchar(40))", "INSERT INTO doc VALUES (1, 'copied'), (2, 'too')"};

    /** The new tables on MariaDB, with a row only the new side has, which the full batch copy deletes. */
    private static final String[] MARIADB_NEW = {
        "CREATE TABLE customers (id int PRIMARY KEY, full_name text, active tinyint(1) NOT NULL,"
                + " created_at datetime(6) NOT NULL, balance decimal(12,2), prefs json, tier varchar(10))",
        "CREATE TABLE accounts (id bigint PRIMARY KEY, email varchar(200))",
        "CREATE TABLE items (id int PRIMARY KEY, name varchar(40) NOT NULL, quantity int NOT NULL)",
        "CREATE TABLE docs (id int PRIMARY KEY, title varchar(40))", "INSERT INTO docs VALUES (3, 'gone at the next copy')"};

    /** The same new tables on PostgreSQL. */
    private static final String[] POSTGRES_NEW = {
        "CREATE TABLE customers (id int PRIMARY KEY, full_name text, active boolean NOT NULL,"
                + " created_at timestamp NOT NULL, balance numeric(12,2), prefs text, tier text)",
        "CREATE TABLE accounts (id bigint PRIMARY KEY, email text)",
        "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, quantity int NOT NULL)",
        "CREATE TABLE docs (id int PRIMARY KEY, title varchar(40))", "INSERT INTO docs VALUES (3, 'gone at the next copy')"};

    @Test
    void mariaDbLegacyWithPostgresNewSyncsEveryDirection() throws Exception {
        maria = MariaDbTestDatabase.create("cutover_it_mixl");
        pg = PostgresTestDatabase.create("cutover_it_mixn");
        maria.execute(MARIADB_LEGACY);
        pg.execute(POSTGRES_NEW);
        start("it_mix_ml", SystemsYaml.mariaDb(maria), SystemsYaml.postgres(pg), maria.name(), "public");

        syncsEveryDirection(maria::execute, maria::queryRows, pg::execute, pg::queryRows, pg);
    }

    @Test
    void postgresLegacyWithMariaDbNewSyncsEveryDirection() throws Exception {
        pg = PostgresTestDatabase.create("cutover_it_mixl");
        maria = MariaDbTestDatabase.create("cutover_it_mixn");
        pg.execute(POSTGRES_LEGACY);
        maria.execute(MARIADB_NEW);
        start("it_mix_pl", SystemsYaml.postgres(pg), SystemsYaml.mariaDb(maria), "public", maria.name());

        syncsEveryDirection(pg::execute, pg::queryRows, maria::execute, maria::queryRows, null);
    }

    @Test
    void mariaDbOnBothSidesSyncsEveryDirection() throws Exception {
        maria = MariaDbTestDatabase.create("cutover_it_mixl");
        second = MariaDbTestDatabase.create("cutover_it_mixn");
        maria.execute(MARIADB_LEGACY);
        second.execute(MARIADB_NEW);
        start("it_mix_mm", SystemsYaml.mariaDb(maria), SystemsYaml.mariaDb(second), maria.name(), second.name());

        syncsEveryDirection(maria::execute, maria::queryRows, second::execute, second::queryRows, null);
    }

    /**
     * The MariaDB arbiter names its transactions by GTID as its capture does, so the new side leaves
     * out the arbiter's version of a first write that a second write supersedes: the new row is
     * never rewritten. One change per apply batch and a held legacy row make the case certain.
     */
    @Test
    void aNewRowWrittenTwiceWithinTheRoundTripToAMariaDbArbiterIsNotRewritten() throws Exception {
        maria = MariaDbTestDatabase.create("cutover_it_mixl");
        pg = PostgresTestDatabase.create("cutover_it_mixn");
        maria.execute(MARIADB_LEGACY);
        pg.execute(POSTGRES_NEW);
        start("it_mix_fl", SystemsYaml.mariaDb(maria), SystemsYaml.postgres(pg), maria.name(), "public", "heartbeat-interval: PT1S, apply-batch-size: 1");
        maria.execute("INSERT INTO item VALUES (5, 'seed', 1)");
        awaitInSync("item");
        double skippedBefore = events("item", "skipped_" + ReflectionGuard.SKIP_SUPERSEDED);
        Object newVersion;
        try (Connection legacy = maria.connect(); Statement s = legacy.createStatement()) {
            legacy.setAutoCommit(false);
            s.execute("SELECT 1 FROM item WHERE item_id = 5 FOR UPDATE");
            pg.execute("UPDATE items SET name = 'first' WHERE id = 5");
            await("the arbiter waits for the legacy row").atMost(TIMEOUT).until(() -> ((Number) maria.queryRows(
                    "SELECT count(*) AS n FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'").get(0).get("n")).longValue() > 0);
            double published = events("item", MetricNames.OUTCOME_PUBLISHED);
            pg.execute("UPDATE items SET name = 'second' WHERE id = 5");
            newVersion = pg.queryRows("SELECT xmin::text AS v FROM items WHERE id = 5").get(0).get("v");
            await("the second write published").atMost(TIMEOUT).until(() -> events("item", MetricNames.OUTCOME_PUBLISHED) >= published + 1);
            legacy.rollback();
        }
        await("the superseded reflection left out").atMost(TIMEOUT)
                .until(() -> events("item", "skipped_" + ReflectionGuard.SKIP_SUPERSEDED) >= skippedBefore + 1);
        awaitInSync("item");
        assertThat(maria.queryRows("SELECT item_nm FROM item WHERE item_id = 5")).containsExactly(Map.of("item_nm", "second"));
        assertThat(pg.queryRows("SELECT xmin::text AS v FROM items WHERE id = 5").get(0).get("v"))
                .as("the new row was never written again").isEqualTo(newVersion);
    }

    private double events(String binding, String outcome) {
        return service.registry().find(MetricNames.EVENTS).tag(MetricNames.TAG_BINDING, binding).tag(MetricNames.TAG_OUTCOME, outcome)
                .counters().stream().mapToDouble(Counter::count).sum();
    }

    private interface Sql {
        void execute(String... sql);
    }

    private interface Query {
        List<Map<String, Object>> rows(String sql);
    }

    /**
     * The existing rows are loaded and the batch copy lands (deleting the new-only row); legacy
     * inserts, updates and deletes stream to new; a new row streams back; the two-way table converges.
     */
    private void syncsEveryDirection(Sql legacy, Query legacyRows, Sql neu, Query newRows, PostgresTestDatabase newLocker)
            throws Exception {
        awaitInSync("cust");
        awaitInSync("doc");
        legacy.execute("INSERT INTO cust_mstr VALUES (2, 'Bo', FALSE, '2026-02-03 04:05:06', NULL, NULL, 'basic')",
                "UPDATE cust_mstr SET cust_nm = 'Ada L.', active = FALSE WHERE cust_id = 1",
                "DELETE FROM cust_mstr WHERE cust_id = 2");
        await().atMost(TIMEOUT).until(() -> newRows.rows("SELECT full_name FROM customers ORDER BY id")
                .equals(List.of(Map.of("full_name", "Ada L."))));
        awaitInSync("cust");

        neu.execute("INSERT INTO accounts VALUES (7, 'seven@example.com')");
        await().atMost(TIMEOUT).until(() -> legacyRows.rows("SELECT email_addr FROM acct WHERE acct_id = 7")
                .equals(List.of(Map.of("email_addr", "seven@example.com"))));

        twoWayConverges(legacy, neu, newLocker);
    }

    /**
     * A write on each side arrives on the other; a concurrent update of one row converges to the
     * legacy version (legacy-wins). {@code newLocker}, when given, holds the new row's lock while
     * the legacy update commits, so the conflict is certain.
     */
    private void twoWayConverges(Sql legacy, Sql neu, PostgresTestDatabase newLocker) throws Exception {
        legacy.execute("INSERT INTO item VALUES (1, 'from legacy', 1)");
        neu.execute("INSERT INTO items VALUES (2, 'from new', 2)");
        awaitInSync("item");
        if (newLocker != null) {
            try (Connection c = newLocker.connect(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("SELECT 1 FROM items WHERE id = 1 FOR UPDATE");
                legacy.execute("UPDATE item SET item_nm = 'legacy' WHERE item_id = 1");
                s.execute("UPDATE items SET quantity = 9, name = 'new' WHERE id = 1");
                c.commit();
            }
            await("the arbiter records the conflict").atMost(TIMEOUT)
                    .until(() -> !service.conflicts().list(false, "item").isEmpty());
        } else {
            legacy.execute("UPDATE item SET item_nm = 'legacy' WHERE item_id = 1");
            neu.execute("UPDATE items SET quantity = 9 WHERE id = 1");
        }
        awaitInSync("item");
    }

    private void start(String prefix, String legacySystem, String newSystem, String legacySchema, String newSchema) throws Exception {
        start(prefix, legacySystem, newSystem, legacySchema, newSchema, "heartbeat-interval: PT1S");
    }

    private void start(String prefix, String legacySystem, String newSystem, String legacySchema, String newSchema, String tuning)
            throws Exception {
        String name = BridgeFixture.uniqueBridgeName(prefix);
        String yaml = """
                name: %s
                data-dir: state
                kafka: { bootstrap: "%s", partitions: 2 }
                systems:
                  legacy: { %s }
                  new:    { %s }
                http: { address: "127.0.0.1:0" }
                tuning: { %s }
                bindings:
                  - name: cust
                    legacy: %s.cust_mstr
                    new: %s.customers
                    direction: legacy-to-new
                    columns: { cust_id: id, cust_nm: full_name, crt: created_at, bal: balance }
                  - name: acct
                    legacy: %s.acct
                    new: %s.accounts
                    direction: new-to-legacy
                    columns: { acct_id: id, email_addr: email }
                  - name: item
                    legacy: %s.item
                    new: %s.items
                    direction: two-way
                    columns: { item_id: id, item_nm: name, qty: quantity }
                    conflict: { policy: legacy-wins, set-replica-identity-full: true }
                  - name: doc
                    legacy: %s.doc
                    new: %s.docs
                    direction: legacy-to-new
                    mode: batch
                    batch: { schedule: PT1S }
                    columns: { doc_id: id }
                """.formatted(name, SharedKafka.bootstrapServers(), legacySystem, newSystem, tuning, legacySchema, newSchema,
                legacySchema, newSchema, legacySchema, newSchema, legacySchema, newSchema);
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        config = ConfigLoader.load(file);
        service = new BridgeService(config, Clock.systemUTC());
        service.start();
        Readiness.awaitReady(service, TIMEOUT, Stream.of(pg, maria, second).filter(Objects::nonNull).toArray(TestDatabase[]::new));
    }

    private void awaitInSync(String binding) throws Exception {
        TableMapping mapping = new BindingCompiler(config).compile().stream().filter(b -> b.name().equals(binding))
                .findFirst().orElseThrow().mapping();
        JdbcRowReader legacyRows = new JdbcRowReader(BindingCompiler.connections(config.legacySystem()));
        JdbcRowReader newRows = new JdbcRowReader(BindingCompiler.connections(config.newSystem()));
        AtomicReference<TableComparison.Result> last = new AtomicReference<>();
        try {
            await(binding + " in sync").atMost(TIMEOUT).pollInterval(Duration.ofMillis(300)).until(() -> {
                last.set(TableComparison.compare(mapping, legacyRows, newRows));
                return last.get().inSync();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(binding + " not in sync: " + (last.get() == null ? "never compared" : last.get().describe()), e);
        }
        assertThat(last.get().inSync()).isTrue();
    }
}
