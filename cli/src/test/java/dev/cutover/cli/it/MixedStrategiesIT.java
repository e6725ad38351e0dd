package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.runtime.BridgeService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole migration in one file, as the issue describes it: one table streamed legacy to new, one
 * streamed back, one two-way, one copied on a schedule and one left alone (kept by hand on both
 * sides), checked, planned and run as one service.
 */
class MixedStrategiesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void everyStrategyRunsInOneBridge() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_mixed", dir)) {
            fixture.legacy.execute(Scenario.CUSTOMERS_LEGACY_DDL,
                    "CREATE TABLE acct (acct_id bigint PRIMARY KEY, email_addr text)",
                    "CREATE TABLE item (item_id int PRIMARY KEY, item_nm text NOT NULL)",
                    "CREATE TABLE doc (doc_id int PRIMARY KEY, title text)",
                    "INSERT INTO doc VALUES (1, 'copied by the batch')",
                    "CREATE TABLE note (note_id int PRIMARY KEY, body text)",
                    "INSERT INTO note VALUES (1, 'kept by hand')");
            fixture.neu.execute(Scenario.CUSTOMERS_NEW_DDL,
                    "CREATE TABLE accounts (id bigint PRIMARY KEY, email text)",
                    "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)",
                    "CREATE TABLE docs (id int PRIMARY KEY, title text)",
                    "CREATE TABLE notes (id int PRIMARY KEY, body text)",
                    "INSERT INTO notes VALUES (1, 'kept by hand')");
            Path config = fixture.writeConfig(Scenario.CUSTOMERS_BINDING + """
                    - name: accounts
                      legacy: public.acct
                      new: public.accounts
                      direction: new-to-legacy
                      columns: { acct_id: id, email_addr: email }
                    - name: items
                      legacy: public.item
                      new: public.items
                      direction: two-way
                      columns: { item_id: id, item_nm: name }
                      conflict: { policy: legacy-wins, set-replica-identity-full: true }
                    - name: docs
                      legacy: public.doc
                      new: public.docs
                      direction: legacy-to-new
                      mode: batch
                      batch: { schedule: PT1S }
                      columns: { doc_id: id }
                    - name: notes
                      legacy: public.note
                      new: public.notes
                      direction: none
                      strategy: duplicate-maintenance
                      columns: { note_id: id }
                    """);

            CliRun plan = CliRun.of("plan", "--config", config.toString());
            assertThat(plan.code()).as(plan.err()).isZero();
            assertThat(plan.out()).contains("customers").contains("accounts").contains("items").contains("docs").contains("notes");

            BridgeService service = fixture.start();
            fixture.awaitReady(service, TIMEOUT);
            fixture.legacy.execute("INSERT INTO cust_mstr VALUES (1, 'Ada', 'A', 1700000000, 1, NULL)",
                    "INSERT INTO item VALUES (1, 'from legacy')",
                    "INSERT INTO doc VALUES (2, 'next copy')");
            fixture.neu.execute("INSERT INTO accounts VALUES (1, 'a@example.com')",
                    "INSERT INTO items VALUES (2, 'from new')");

            await("streamed one way").atMost(TIMEOUT).until(() -> !fixture.newRows("SELECT 1 FROM customers WHERE id = 1").isEmpty());
            await("streamed back").atMost(TIMEOUT).until(() -> fixture.legacy.queryRows("SELECT email_addr FROM acct")
                    .equals(List.of(Map.of("email_addr", "a@example.com"))));
            fixture.awaitInSync("items", TIMEOUT);
            assertThat(fixture.newRows("SELECT id, name FROM items ORDER BY id")).containsExactly(
                    Map.of("id", 1, "name", "from legacy"), Map.of("id", 2, "name", "from new"));
            await("copied by the batch").atMost(TIMEOUT).until(() -> fixture.newRows("SELECT count(*) AS n FROM docs")
                    .equals(List.of(Map.of("n", 2L))));
            fixture.legacy.execute("UPDATE note SET body = 'changed on one side only' WHERE note_id = 1");

            CliRun verify = CliRun.of("verify", "--config", config.toString(), "--binding", "notes");
            assertThat(verify.code()).as("drift in the hand-kept table: %s", verify.out()).isEqualTo(1);
            assertThat(verify.out()).contains("{id=1}").contains("body");
            assertThat(fixture.newRows("SELECT body FROM notes")).as("a none binding writes nothing")
                    .containsExactly(Map.of("body", "kept by hand"));

            CliRun status = CliRun.of("status", "--url", "http://127.0.0.1:" + service.httpPort());
            assertThat(status.code()).as(status.err()).isZero();
            assertThat(status.out()).contains("bridge " + fixture.name + ": RUNNING")
                    .containsPattern("customers +legacy-to-new +new +STREAMING")
                    .containsPattern("items +two-way +legacy +STREAMING")
                    .containsPattern("notes +none +- +NOT_SYNCED");
        }
    }
}
