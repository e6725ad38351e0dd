package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.runtime.BridgeService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bridge that mixes directions per table: {@code accounts} flows from the new system back into
 * the legacy table {@code acct} (the legacy system kept up to date as a fallback), while
 * {@code customers} flows from legacy to new, both at once in one service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewToLegacyStreamingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private BridgeFixture fixture;
    private BridgeService service;

    @BeforeAll
    void startBridge() throws Exception {
        fixture = new BridgeFixture("it_reverse", dir);
        fixture.legacy.execute(Scenario.CUSTOMERS_LEGACY_DDL, """
                CREATE TABLE acct (
                  acct_id     bigint PRIMARY KEY,
                  stat_cd     char(1) NOT NULL,
                  email_addr  varchar(200),
                  legacy_note text DEFAULT 'kept by legacy'
                )""");
        fixture.neu.execute(Scenario.CUSTOMERS_NEW_DDL,
                "CREATE TABLE accounts (id bigint PRIMARY KEY, status text NOT NULL, email text)",
                "INSERT INTO accounts VALUES (1, 'active', 'existing@example.com')");
        fixture.writeConfig(Scenario.CUSTOMERS_BINDING + """
                - name: accounts
                  legacy: public.acct
                  new: public.accounts
                  direction: new-to-legacy
                  columns:
                    acct_id: id
                    stat_cd: { to: status, values: { A: active, I: inactive } }
                    email_addr: email
                    legacy_note: { ignore: true }
                """);
        service = fixture.start();
    }

    @AfterAll
    void stopBridge() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void rowsOfTheNewTableThatExistedBeforeStartAreCopiedIntoTheLegacyTable() throws Exception {
        fixture.awaitInSync("accounts", TIMEOUT);

        assertThat(fixture.legacy.queryRows("SELECT acct_id, stat_cd, email_addr, legacy_note FROM acct WHERE acct_id = 1"))
                .containsExactly(Map.of("acct_id", 1L, "stat_cd", "A", "email_addr", "existing@example.com",
                        "legacy_note", "kept by legacy"));
    }

    @Test
    void changesInTheNewSystemArriveInverselyMappedInTheLegacyTable() throws Exception {
        fixture.neu.execute("INSERT INTO accounts VALUES (10, 'active', 'a@example.com'), (11, 'active', 'b@example.com')",
                "UPDATE accounts SET status = 'inactive', email = NULL WHERE id = 10",
                "DELETE FROM accounts WHERE id = 11");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
                fixture.legacy.queryRows("SELECT acct_id, stat_cd, email_addr FROM acct WHERE acct_id IN (10, 11)"))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("acct_id", 10L).containsEntry("stat_cd", "I")
                        .containsEntry("email_addr", null)));
        fixture.awaitInSync("accounts", TIMEOUT);
    }

    @Test
    void aLegacyOnlyColumnKeepsItsValueWhenTheNewSystemUpdatesTheRow() throws Exception {
        fixture.neu.execute("INSERT INTO accounts VALUES (20, 'active', 'c@example.com')");
        await().atMost(TIMEOUT).until(() -> !fixture.legacy.queryRows("SELECT 1 FROM acct WHERE acct_id = 20").isEmpty());
        fixture.legacy.execute("UPDATE acct SET legacy_note = 'set by the legacy system' WHERE acct_id = 20");

        fixture.neu.execute("UPDATE accounts SET email = 'changed@example.com' WHERE id = 20");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
                fixture.legacy.queryRows("SELECT email_addr, legacy_note FROM acct WHERE acct_id = 20"))
                .containsExactly(Map.of("email_addr", "changed@example.com", "legacy_note", "set by the legacy system")));
    }

    @Test
    void theOtherBindingStillFlowsFromLegacyToNewInTheSameService() throws Exception {
        fixture.legacy.execute("INSERT INTO cust_mstr VALUES (7, 'Both Ways At Once', 'A', 1700000007, 1, NULL)");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
                fixture.newRows("SELECT full_name, status FROM customers WHERE id = 7"))
                .containsExactly(Map.of("full_name", "Both Ways At Once", "status", "active")));
        fixture.awaitInSync("customers", TIMEOUT);
    }
}
