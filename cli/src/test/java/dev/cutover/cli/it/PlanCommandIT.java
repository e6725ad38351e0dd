package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.runtime.BridgeService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutover plan} against the machine's PostgreSQL. */
class PlanCommandIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private static BridgeFixture fixture(String name, Path dir) {
        BridgeFixture fixture = new BridgeFixture(name + "_" + UUID.randomUUID().toString().substring(0, 6), dir);
        fixture.legacy.execute(Scenario.CUSTOMERS_LEGACY_DDL);
        fixture.neu.execute(Scenario.CUSTOMERS_NEW_DDL);
        return fixture;
    }

    @Test
    void aTwoWayBindingShowsBothDirectionsTopicsItsMappingAndPolicyAndChangesNothing() throws Exception {
        try (BridgeFixture fixture = fixture("it_plan", dir)) {
            Path config = fixture.writeConfig(Scenario.CUSTOMERS_BINDING.replace("direction: legacy-to-new", "direction: two-way")
                    + "  conflict: { policy: newest-wins, column: created_at, set-replica-identity-full: true }\n");

            CliRun run = CliRun.of("plan", "--config", config.toString());

            assertThat(run.code()).as(run.printed()).isZero();
            assertThat(run.out())
                    .contains("customers  two-way    stream  public.cust_mstr -> public.customers")
                    .contains(fixture.name + ".new.customers (legacy -> new)")
                    .contains(fixture.name + ".legacy.cust_mstr (new -> legacy)")
                    .contains("mapping:      public.cust_mstr -> public.customers: ")
                    .contains("conflicts:    newest-wins by created_at, ties and deletes: legacy-wins; arbiter: legacy")
                    .contains("initial load of existing legacy rows on first start")
                    .contains("initial load of existing new rows on first start");
            assertThat(fixture.neu.queryRows("SELECT relreplident::text AS r FROM pg_class WHERE relname = 'customers'"))
                    .as("plan sets no replica identity").containsExactly(Map.of("r", "d"));
        }
    }

    @Test
    void bindingsThatDoNotFitArePrintedWithTheirPathsAndExitTwo() throws Exception {
        try (BridgeFixture fixture = fixture("it_plan_bad", dir)) {
            Path config = fixture.writeConfig(Scenario.CUSTOMERS_BINDING.replace("cust_nm: full_name", "cust_name: full_name"));

            CliRun run = CliRun.of("plan", "--config", config.toString());

            assertThat(run.code()).as(run.printed()).isEqualTo(2);
            assertThat(run.err()).contains("PROBLEM  bindings[0].columns.cust_name: ").contains("cust_nm");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void afterAFirstRunTheCaptureResumesInsteadOfLoadingAgain() throws Exception {
        try (BridgeFixture fixture = fixture("it_plan_resume", dir)) {
            Path config = fixture.writeConfig(Scenario.CUSTOMERS_BINDING);
            BridgeService service = fixture.start();
            fixture.awaitReady(service, TIMEOUT);
            fixture.legacy.execute("INSERT INTO cust_mstr VALUES (1, 'Ada', 'A', 1700000000, 10.5, 'x')");
            await("row applied").atMost(TIMEOUT).until(() -> !fixture.newRows("SELECT id FROM customers").isEmpty());
            service.stop();

            CliRun run = CliRun.of("plan", "--config", config.toString());

            assertThat(run.code()).as(run.printed()).isZero();
            assertThat(run.out()).contains("initial load: none from the legacy side: its capture resumes from its stored position")
                    .doesNotContain("initial load of existing");
        }
    }
}
