package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.DatabaseSupports;
import dev.cutover.jdbc.KeyGenerator;
import dev.cutover.jdbc.KeyGenerators;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys generated on both sides of a two-way table: {@code cutover check} and {@code cutover plan}
 * warn when the two generators can hand out the same key, with a fix that keeps them apart, and a
 * side that starts writing is moved past the other side's highest key.
 */
class TwoWayKeysIT {

    private static final String TWO_WAY_CUSTOMERS = Scenario.CUSTOMERS_BINDING.replace("direction: legacy-to-new", "direction: two-way")
            + "  conflict: { policy: legacy-wins, set-replica-identity-full: true }\n";

    private static final Pattern ALTER_SEQUENCE = Pattern.compile("ALTER SEQUENCE \\S+ INCREMENT BY 2 RESTART WITH \\d+");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private static BridgeFixture serialFixture(String name, Path dir) {
        BridgeFixture fixture = new BridgeFixture(name + "_" + UUID.randomUUID().toString().substring(0, 6), dir);
        fixture.legacy.execute(Scenario.CUSTOMERS_LEGACY_DDL.replace("cust_id         integer PRIMARY KEY", "cust_id serial PRIMARY KEY"));
        fixture.neu.execute(Scenario.CUSTOMERS_NEW_DDL.replace("id          integer PRIMARY KEY", "id serial PRIMARY KEY"));
        return fixture;
    }

    @Test
    void serialKeysOnBothSidesAreAWarningWhoseFixSilencesIt() throws Exception {
        try (BridgeFixture fixture = serialFixture("it_keys", dir)) {
            fixture.legacy.execute("INSERT INTO cust_mstr (cust_nm, stat_cd, crt_epoch) VALUES ('a', 'A', 0), ('b', 'A', 0)");
            Path config = fixture.writeConfig(TWO_WAY_CUSTOMERS);

            CliRun check = CliRun.of("check", "--config", config.toString());

            assertThat(check.code()).as("a warning never fails the check: " + check.printed()).isZero();
            String warning = lineStartingWith(check, "warning  bindings[0]: ");
            assertThat(warning).contains("the keys of two-way binding 'customers' come from sequence \"public\".\"cust_mstr_cust_id_seq\""
                            + " (next 3, increment 1) on legacy and sequence \"public\".\"customers_id_seq\" (next 1, increment 1) on new")
                    .contains("can both hand out key 3")
                    .contains("fix: give the sides keys that cannot meet: on legacy ALTER SEQUENCE \"public\".\"cust_mstr_cust_id_seq\""
                            + " INCREMENT BY 2 RESTART WITH 3; on new ALTER SEQUENCE \"public\".\"customers_id_seq\" INCREMENT BY 2"
                            + " RESTART WITH 4");
            assertThat(check.out()).contains(", 1 warning: bridge '" + fixture.name + "' is ready for `cutover run`.");

            CliRun plan = CliRun.of("plan", "--config", config.toString());

            assertThat(plan.code()).as(plan.printed()).isZero();
            assertThat(plan.err()).contains("cutover plan: warning  bindings[0]: the keys of two-way binding 'customers'");
            assertThat(plan.out()).contains("customers  two-way    stream  public.cust_mstr -> public.customers");

            List<String> statements = alterSequences(warning);
            assertThat(statements).hasSize(2);
            fixture.legacy.execute(statements.get(0));
            fixture.neu.execute(statements.get(1));

            CliRun fixed = CliRun.of("check", "--config", config.toString());

            assertThat(fixed.out()).as(fixed.printed()).doesNotContain("warning  ")
                    .contains("ok       bindings[0]: the keys of two-way binding 'customers' come from")
                    .contains("which never hand out the same key");
            fixture.legacy.execute("INSERT INTO cust_mstr (cust_nm, stat_cd, crt_epoch) VALUES ('c', 'A', 0)");
            fixture.neu.execute("INSERT INTO customers (full_name, status, created_at, source) VALUES ('d', 'active', now(), 'new')");
            assertThat(fixture.legacy.queryRows("SELECT cust_id FROM cust_mstr WHERE cust_nm = 'c'")).containsExactly(Map.of("cust_id", 3));
            assertThat(fixture.neu.queryRows("SELECT id FROM customers")).containsExactly(Map.of("id", 4));
        }
    }

    @Test
    void aTwoWayTableGeneratedOnOneSideOnlyIsNotJudged() throws Exception {
        try (BridgeFixture fixture = serialFixture("it_keys_one", dir)) {
            Path config = fixture.writeConfig(Scenario.CUSTOMERS_BINDING.replace("public.customers", "public.plain_customers")
                    .replace("direction: legacy-to-new", "direction: two-way")
                    + "  conflict: { policy: legacy-wins, set-replica-identity-full: true }\n");
            fixture.neu.execute(Scenario.CUSTOMERS_NEW_DDL.replace("customers", "plain_customers"));

            CliRun check = CliRun.of("check", "--config", config.toString());

            assertThat(check.out()).as(check.printed()).doesNotContain("the keys of two-way binding");
        }
    }

    @Test
    void aMariaDbAutoIncrementAgainstAPostgresSerialIsAWarningNamingTheServerSettings() throws Exception {
        try (MariaDbTestDatabase maria = MariaDbTestDatabase.create("cutover_it_keys");
                PostgresTestDatabase pg = PostgresTestDatabase.create("cutover_it_keys")) {
            maria.execute("CREATE TABLE cust_mstr (cust_id int AUTO_INCREMENT PRIMARY KEY, cust_nm varchar(80))",
                    "INSERT INTO cust_mstr (cust_nm) VALUES ('a'), ('b'), ('c')");
            pg.execute("CREATE TABLE customers (id serial PRIMARY KEY, full_name text)");
            Path config = MariaDbLegacyConfig.write(dir, "maria.yaml", BridgeFixture.uniqueBridgeName("it_keys_m"), maria, "root", "", pg, "");
            Files.writeString(config, Files.readString(config).replace("direction: legacy-to-new", "direction: two-way")
                    + "    conflict: { policy: legacy-wins, set-replica-identity-full: true }\n");

            CliRun check = CliRun.of("check", "--config", config.toString());

            assertThat(lineStartingWith(check, "warning  bindings[0]: "))
                    .contains("come from `" + maria.name() + "`.`cust_mstr`.AUTO_INCREMENT (next 4, increment 1) on legacy")
                    .contains("on legacy set auto_increment_increment=2 and auto_increment_offset=1 in the server's configuration")
                    .contains("ALTER TABLE `" + maria.name() + "`.`cust_mstr` AUTO_INCREMENT = 5;")
                    .contains("on new ALTER SEQUENCE \"public\".\"customers_id_seq\" INCREMENT BY 2 RESTART WITH 4");
        }
    }

    @Test
    void aSideThatStartsWritingIsMovedPastTheOtherSidesHighestKey() throws Exception {
        try (MariaDbTestDatabase maria = MariaDbTestDatabase.create("cutover_it_keys");
                PostgresTestDatabase pg = PostgresTestDatabase.create("cutover_it_keys")) {
            maria.execute("CREATE TABLE cust_mstr (cust_id bigint AUTO_INCREMENT PRIMARY KEY, cust_nm varchar(80))",
                    "INSERT INTO cust_mstr (cust_nm) VALUES ('a'), ('b')");
            pg.execute("CREATE TABLE customers (id bigserial PRIMARY KEY, full_name text)",
                    "INSERT INTO customers (id, full_name) VALUES (1, 'a'), (2, 'b'), (7000, 'copied from elsewhere')");
            KeyGenerators legacyKeys = DatabaseSupports.forFamily("mariadb").orElseThrow().keyGenerators();
            KeyGenerators newKeys = DatabaseSupports.forFamily("postgresql").orElseThrow().keyGenerators();
            TableId legacyTable = new TableId(maria.name(), "cust_mstr");
            TableId newTable = new TableId("public", "customers");

            try (Connection legacy = maria.connect(); Connection neu = pg.connect()) {
                long legacyMax = legacyKeys.maxKey(legacy, legacyTable, "cust_id").orElseThrow();
                long newMax = newKeys.maxKey(neu, newTable, "id").orElseThrow();
                KeyGenerator movedNew = newKeys.advancePast(neu, newKeys.find(neu, newTable, "id").orElseThrow(), legacyMax);
                KeyGenerator movedLegacy = legacyKeys.advancePast(legacy, legacyKeys.find(legacy, legacyTable, "cust_id").orElseThrow(), newMax);

                assertThat(movedNew.nextValue()).as("already past the legacy max; its own rows are the database's business").isEqualTo(3);
                assertThat(movedLegacy.nextValue()).isEqualTo(7001);
            }
            maria.execute("INSERT INTO cust_mstr (cust_nm) VALUES ('new on legacy')");
            assertThat(maria.queryRows("SELECT cust_id FROM cust_mstr WHERE cust_nm = 'new on legacy'"))
                    .containsExactly(Map.of("cust_id", 7001L));
        }
    }

    private static String lineStartingWith(CliRun run, String prefix) {
        return run.out().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + run.printed()));
    }

    private static List<String> alterSequences(String fix) {
        Matcher m = ALTER_SEQUENCE.matcher(fix);
        return m.results().map(r -> r.group()).toList();
    }
}
