package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutover check} against the machine's PostgreSQL and the shared Kafka broker. */
class CheckCommandIT {

    private static final String TWO_WAY_CUSTOMERS = Scenario.CUSTOMERS_BINDING.replace("direction: legacy-to-new",
            "direction: two-way");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private static BridgeFixture fixture(String name, Path dir) {
        BridgeFixture fixture = new BridgeFixture(name + "_" + UUID.randomUUID().toString().substring(0, 6), dir);
        fixture.legacy.execute(Scenario.CUSTOMERS_LEGACY_DDL);
        fixture.neu.execute(Scenario.CUSTOMERS_NEW_DDL);
        return fixture;
    }

    @Test
    void aGoodConfigurationPassesAndTheCheckChangesNothing() throws Exception {
        try (BridgeFixture fixture = fixture("it_check_ok", dir)) {
            Path config = fixture.writeConfig(TWO_WAY_CUSTOMERS
                    + "  conflict: { policy: legacy-wins, set-replica-identity-full: true }\n");

            CliRun run = CliRun.of("check", "--config", config.toString());

            assertThat(run.code()).as(run.printed()).isZero();
            assertThat(run.out()).doesNotContain("PROBLEM")
                    .contains("ok       systems.legacy: connected to")
                    .contains("ok       kafka.bootstrap:")
                    .contains("ok       bindings[0]: binding 'customers' fits its tables")
                    .contains("ok       bindings[0].new: table public.customers has REPLICA IDENTITY DEFAULT")
                    .contains("Cutover sets FULL at start")
                    .contains("ok       systems.new: echoes of the two-way bindings will be ")
                    .contains("All ").contains("checks passed");
            // Read only: no replica identity set, no publication, no slot, no capture table created.
            assertThat(fixture.neu.queryRows("SELECT relreplident::text AS r FROM pg_class WHERE relname = 'customers'"))
                    .containsExactly(Map.of("r", "d"));
            assertThat(fixture.legacy.queryRows("SELECT pubname FROM pg_publication")).isEmpty();
            assertThat(fixture.legacy.queryRows("SELECT slot_name FROM pg_replication_slots WHERE database = current_database()"))
                    .isEmpty();
            assertThat(fixture.neu.queryRows("SELECT relname FROM pg_class WHERE relname LIKE 'cutover%'")).isEmpty();
            assertThat(fixture.dir.resolve("state")).doesNotExist();
        }
    }

    @Test
    void aTwoWayTableWithoutReplicaIdentityFullIsNamedWithTheStatementThatFixesIt() throws Exception {
        try (BridgeFixture fixture = fixture("it_check_ri", dir)) {
            Path config = fixture.writeConfig(TWO_WAY_CUSTOMERS);

            CliRun run = CliRun.of("check", "--config", config.toString());

            assertThat(run.code()).as(run.printed()).isEqualTo(1);
            assertThat(problems(run)).singleElement().asString()
                    .startsWith("PROBLEM  bindings[0].new: table public.customers has REPLICA IDENTITY DEFAULT")
                    .contains("ALTER TABLE \"public\".\"customers\" REPLICA IDENTITY FULL")
                    .contains("bindings[0].conflict.set-replica-identity-full: true");
            assertThat(run.out()).contains("1 problem (");
        }
    }

    @Test
    void aMissingColumnIsNamedWithItsConfigurationPath() throws Exception {
        try (BridgeFixture fixture = fixture("it_check_col", dir)) {
            Path config = fixture.writeConfig(Scenario.CUSTOMERS_BINDING.replace("cust_nm: full_name", "cust_name: full_name"));

            CliRun run = CliRun.of("check", "--config", config.toString());

            assertThat(run.code()).as(run.printed()).isEqualTo(1);
            assertThat(problems(run)).anySatisfy(line -> assertThat(line)
                    .startsWith("PROBLEM  bindings[0].columns.cust_name: ").contains("cust_nm").contains("fix: "));
        }
    }

    @Test
    void aWatermarkColumnThatCannotOrderCopiesIsNamedAsRunWouldRefuseIt() throws Exception {
        try (BridgeFixture fixture = fixture("it_check_wm", dir)) {
            Path config = fixture.writeConfig(Scenario.CUSTOMERS_BINDING
                    + "  mode: batch\n  batch: { schedule: PT1M, watermark: stat_cd }\n");

            CliRun run = CliRun.of("check", "--config", config.toString());

            assertThat(run.code()).as(run.printed()).isEqualTo(1);
            assertThat(problems(run)).anySatisfy(line -> assertThat(line)
                    .startsWith("PROBLEM  bindings[0].batch.watermark: ").contains("stat_cd").contains("fix: "));
        }
    }

    @Test
    void aFullBatchCopyWhoseTargetUserMayNotCreateItsStagingTableIsWarnedAboutWithTheGrant() throws Exception {
        String role = "it_batch_writer_" + UUID.randomUUID().toString().substring(0, 6);
        try (BridgeFixture fixture = fixture("it_check_stage", dir)) {
            fixture.neu.execute("CREATE ROLE " + role + " LOGIN", "GRANT USAGE ON SCHEMA public TO " + role,
                    "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON customers TO " + role);
            try {
                Path config = fixture.writeConfig(Scenario.CUSTOMERS_BINDING + "  mode: batch\n  batch: { schedule: PT1M }\n");
                Files.writeString(config, Files.readString(config).replaceFirst("(new: +\\{[^}]*user: )postgres", "$1" + role));

                CliRun run = CliRun.of("check", "--config", config.toString());

                assertThat(run.out()).as(run.printed()).contains("warning  bindings[0].new: full copies of binding 'customers' will go"
                        + " row by row through Kafka: user '" + role + "' may not create their staging table in schema public")
                        .contains("GRANT CREATE ON SCHEMA \"public\" TO \"" + role + "\"");
            } finally {
                fixture.neu.execute("DROP OWNED BY " + role, "DROP ROLE " + role);
            }
        }
    }

    @Test
    void anUnreachableKafkaIsNamedWithinSeconds() throws Exception {
        try (BridgeFixture fixture = fixture("it_check_kafka", dir)) {
            Path config = fixture.writeConfig(Scenario.CUSTOMERS_BINDING);
            Files.writeString(config, Files.readString(config).replaceFirst("bootstrap: \"[^\"]*\"", "bootstrap: \"127.0.0.1:1\""));

            long started = System.nanoTime();
            CliRun run = CliRun.of("check", "--config", config.toString());

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            assertThat(run.code()).as(run.printed()).isEqualTo(1);
            assertThat(problems(run)).singleElement().asString()
                    .startsWith("PROBLEM  kafka.bootstrap: cannot reach Kafka at 127.0.0.1:1")
                    .contains("fix: start the Kafka cluster, or correct kafka.bootstrap");
        }
    }

    @Test
    void aUserWithoutReplicationIsNamedWithTheStatementThatGrantsIt() throws Exception {
        String role = "cutover_it_norepl_" + UUID.randomUUID().toString().substring(0, 8);
        try (BridgeFixture fixture = fixture("it_check_role", dir)) {
            fixture.legacy.execute("CREATE ROLE " + role + " LOGIN");
            try {
                Path config = fixture.writeConfig(Scenario.CUSTOMERS_BINDING);
                Files.writeString(config, Files.readString(config)
                        .replaceFirst("(legacy: \\{ kind: postgresql, jdbc-url: \"[^\"]*\", user: )\\w+", "$1" + role));

                CliRun run = CliRun.of("check", "--config", config.toString());

                assertThat(run.code()).as(run.printed()).isEqualTo(1);
                assertThat(problems(run)).anySatisfy(line -> assertThat(line)
                        .startsWith("PROBLEM  systems.legacy: user '" + role + "' has neither the REPLICATION attribute nor superuser")
                        .endsWith("fix: as a superuser run ALTER ROLE \"" + role + "\" REPLICATION"));
                // The same user owns nothing and may read nothing: the publication and the privileges are named too.
                assertThat(problems(run)).anySatisfy(line -> assertThat(line).contains("cannot create publication")
                        .contains("CREATE PUBLICATION"));
                assertThat(problems(run)).anySatisfy(line -> assertThat(line).startsWith("PROBLEM  bindings[0].legacy: user '" + role
                        + "' lacks SELECT on table public.cust_mstr"));
            } finally {
                fixture.legacy.execute("DROP ROLE " + role);
            }
        }
    }

    @Test
    void anEmbeddedBrokerPortInUseIsNamed() throws Exception {
        try (BridgeFixture fixture = fixture("it_check_port", dir);
                ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = fixture.writeConfig(Scenario.CUSTOMERS_BINDING);
            Files.writeString(config, Files.readString(config).replaceFirst("bootstrap: \"[^\"]*\"",
                    "bootstrap: embedded\n  embedded-port: " + taken.getLocalPort()));

            CliRun run = CliRun.of("check", "--config", config.toString());

            assertThat(run.code()).as(run.printed()).isEqualTo(1);
            assertThat(problems(run)).singleElement().asString()
                    .startsWith("PROBLEM  kafka.embedded-port: port " + taken.getLocalPort() + " on 127.0.0.1 cannot be bound")
                    .contains("set kafka.embedded-port to a free port");
        }
    }

    private static List<String> problems(CliRun run) {
        return run.out().lines().filter(l -> l.startsWith("PROBLEM")).toList();
    }
}
