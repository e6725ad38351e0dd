package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.runtime.BridgeService;
import dev.cutover.runtime.ServiceState;
import dev.cutover.runtime.StartupException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** A configuration that does not fit the real tables fails at start, naming every problem and its path. */
class StartupValidationIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void bindingsThatDoNotFitTheRealTablesAreReportedTogetherWithTheirPaths() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_badmap", dir)) {
            fixture.legacy.execute(Scenario.CUSTOMERS_LEGACY_DDL);
            fixture.neu.execute(Scenario.CUSTOMERS_NEW_DDL);
            fixture.writeConfig("""
                    - name: customers
                      legacy: public.cust_mstr
                      new: public.customers
                      direction: legacy-to-new
                      columns:
                        cust_id: id
                        cust_name: full_name
                        stat_cd: { to: status, values: { A: active } }
                        crt_epoch: { to: created_at, convert: epoch-seconds-to-timestamp }
                        bal_amt: balance
                        legacy_only_col: { ignore: true }
                      defaults: { source: legacy }
                    - name: missing
                      legacy: public.no_such_table
                      new: public.customers_copy
                      direction: legacy-to-new
                    """);
            BridgeService service = new BridgeService(fixture.config(), Clock.systemUTC());

            StartupException e = catchThrowableOfType(StartupException.class, service::start);

            assertThat(e.getMessage())
                    .contains("bindings[0].columns.cust_name")
                    .contains("cust_nm")
                    .contains("bindings[1].legacy")
                    .contains("no_such_table");
            assertThat(service.state()).isEqualTo(ServiceState.FAILED);
        }
    }

    @Test
    void aNewToLegacyBindingWhoseMappingCannotBeInvertedIsRejectedNamingTheColumn() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_noinverse", dir.resolve("noinverse"))) {
            fixture.legacy.execute(Scenario.CUSTOMERS_LEGACY_DDL);
            fixture.neu.execute(Scenario.CUSTOMERS_NEW_DDL);
            fixture.writeConfig(Scenario.CUSTOMERS_BINDING
                    .replace("direction: legacy-to-new", "direction: new-to-legacy")
                    .replace("values: { A: active, I: inactive }", "values: { A: active, X: active, I: inactive }"));
            BridgeService service = new BridgeService(fixture.config(), Clock.systemUTC());

            StartupException e = catchThrowableOfType(StartupException.class, service::start);

            assertThat(e.getMessage()).contains("bindings[0].columns.stat_cd.values").contains("new-to-legacy")
                    .contains("invertible");
        }
    }

    @Test
    void aTwoWayBindingNeedsReplicaIdentityFullAndAnOrderingColumnBothSidesHave() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_twoway_bad", dir.resolve("twoway"))) {
            fixture.legacy.execute(Scenario.CUSTOMERS_LEGACY_DDL);
            fixture.neu.execute(Scenario.CUSTOMERS_NEW_DDL);
            fixture.writeConfig(Scenario.CUSTOMERS_BINDING
                    .replace("direction: legacy-to-new", "direction: two-way\n  conflict: { policy: newest-wins, column: modified_at }"));
            BridgeService service = new BridgeService(fixture.config(), Clock.systemUTC());

            StartupException e = catchThrowableOfType(StartupException.class, service::start);

            assertThat(e.getMessage())
                    .contains("bindings[0].new: table public.customers must log whole before images")
                    .contains("ALTER TABLE public.customers REPLICA IDENTITY FULL")
                    .contains("bindings[0].conflict.set-replica-identity-full")
                    .contains("bindings[0].conflict.column: 'modified_at'")
                    .doesNotContain("table public.cust_mstr must log");
            assertThat(fixture.neu.queryRows("SELECT relreplident::text AS r FROM pg_class WHERE relname = 'customers'"))
                    .as("the service changes replica identity only when configured to").containsExactly(java.util.Map.of("r", "d"));
        }
    }
}
