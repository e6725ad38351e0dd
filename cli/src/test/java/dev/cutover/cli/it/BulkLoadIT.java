package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.runtime.BridgeService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first load of a one-way PostgreSQL → PostgreSQL binding copies the table in bulk (an
 * exported snapshot read in page ranges, {@code COPY} into the target) while the legacy
 * application keeps writing: every change made during the copy is applied after it, in order, and
 * the tables end equal through the mapping. What the bulk path cannot copy goes the incremental
 * snapshot's way instead, with its dead letters.
 */
class BulkLoadIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int ROWS = 30_000;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aTableCopiedInBulkWhileItsApplicationWritesEndsEqualWithEveryChangeAppliedAfterTheCopy() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_bulk", dir)) {
            seed(fixture);
            fixture.writeConfig(Scenario.CUSTOMERS_BINDING);
            BridgeService service = fixture.start();

            long changes;
            try (BackgroundWrites writer = legacyChanges(fixture, ROWS)) {
                // A change a millisecond or two: these span the bridge's start, the copy and the time after it.
                writer.awaitMore(2_000);
                changes = writer.stop();
            }
            fixture.awaitInSync("customers", TIMEOUT);

            assertThat(events(service, "captured")).as("every row copied counts as captured, every change too")
                    .isGreaterThanOrEqualTo(ROWS);
            // An update or delete of a row deleted before changes nothing, so some of the writer's statements are no change.
            assertThat(events(service, "published")).as("the copied rows never went through Kafka, only the changes did")
                    .isLessThan(ROWS).isPositive().isLessThanOrEqualTo(changes);
            await("the binding streams once its load is done").atMost(TIMEOUT)
                    .until(() -> service.status().toString().contains("state=STREAMING"));
        }
    }

    @Test
    void aRowTheBulkCopyCannotMapHandsTheTableToTheIncrementalSnapshotWhichParksIt() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_bulk_fallback", dir)) {
            seed(fixture);
            fixture.legacy.execute("UPDATE cust_mstr SET stat_cd = 'X' WHERE cust_id = 777");
            fixture.writeConfig(Scenario.CUSTOMERS_BINDING);
            BridgeService service = fixture.start();

            await("every mappable row is loaded").atMost(TIMEOUT).until(() -> fixture.newRows("SELECT count(*) AS n FROM customers")
                    .equals(List.of(Map.of("n", (long) ROWS - 1))));

            assertThat(events(service, "published")).as("the rows went the incremental snapshot's way, through Kafka")
                    .isGreaterThanOrEqualTo(ROWS - 1);
            await("the row that does not map is dead-lettered").atMost(TIMEOUT)
                    .until(() -> events(service, "dead_lettered") == 1);
            assertThat(fixture.newRows("SELECT count(*) AS n FROM customers WHERE id = 777")).containsExactly(Map.of("n", 0L));
        }
    }

    @Test
    void killedWithSigkillHalfWayThroughTheCopyTheRestartCopiesAgainOverWhatWasCopiedAndTheTablesEndEqual() throws Exception {
        int rows = 1_000_000;
        int httpPort = BridgeHttp.freePort();
        try (BridgeFixture fixture = new BridgeFixture("it_bulk_kill", dir)) {
            seed(fixture, rows);
            Path config = fixture.writeConfig(Scenario.CUSTOMERS_BINDING, httpPort);
            try (BackgroundWrites writer = legacyChanges(fixture, rows)) {
                Process first = ServiceProcess.run(config, "first");
                AtomicLong copiedAtKill = new AtomicLong();
                await("a first chunk of the copy committed").atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
                    assertThat(first.isAlive()).as("first bridge alive").isTrue();
                    copiedAtKill.set(count(fixture));
                    return copiedAtKill.get() > 0;
                });
                first.destroyForcibly();
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(copiedAtKill.get()).as("killed in the middle of the copy").isLessThan(rows);

                Process second = ServiceProcess.run(config, "second");
                try {
                    writer.awaitMore(500);
                    writer.stop();
                    fixture.awaitInSync("customers", TIMEOUT);
                } finally {
                    second.destroy();
                    assertThat(second.waitFor(90, TimeUnit.SECONDS)).as("graceful stop on SIGTERM").isTrue();
                }
                assertThat(Files.readString(ServiceProcess.log(config, "second")))
                        .as("the restart copied the table again, over the rows the first copy left")
                        .contains("upserted over the rows it held");
            }
        }
    }

    private static long count(BridgeFixture fixture) {
        return (Long) fixture.newRows("SELECT count(*) AS n FROM customers").get(0).get("n");
    }

    /** {@code ROWS} legacy customers whose names carry what COPY text escapes, some nulls, and both statuses. */
    private static void seed(BridgeFixture fixture) {
        seed(fixture, ROWS);
    }

    private static void seed(BridgeFixture fixture, int rows) {
        fixture.legacy.execute(Scenario.CUSTOMERS_LEGACY_DDL,
                "INSERT INTO cust_mstr SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE 'name ' || g || E'\\t\\\\ \\n' || chr(233) END,"
                        + " CASE WHEN g % 2 = 0 THEN 'A' ELSE 'I' END, 1700000000 + g, CASE WHEN g % 5 = 0 THEN NULL ELSE g / 7.0 END,"
                        + " 'x' FROM generate_series(1, " + rows + ") g");
        fixture.neu.execute(Scenario.CUSTOMERS_NEW_DDL);
    }

    /** {@code cutover_events_total} of the customers binding with {@code outcome}, as scraped; 0 before it is counted. */
    private static long events(BridgeService service, String outcome) {
        Matcher m = Pattern.compile("cutover_events_total\\{binding=\"customers\",[^}]*outcome=\"" + outcome + "\"} ([0-9.E]+)")
                .matcher(service.registry().scrape());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    /** The legacy application: updates, deletes and inserts of {@code rows} customers, a transaction each. */
    private static BackgroundWrites legacyChanges(BridgeFixture fixture, int rows) {
        return BackgroundWrites.start("legacy-changes", n -> {
            long id = 1 + (n * 7919) % rows;
            switch ((int) (n % 3)) {
                case 0 -> fixture.legacy.execute("UPDATE cust_mstr SET cust_nm = 'changed " + n + "', bal_amt = " + n
                        + " WHERE cust_id = " + id);
                case 1 -> fixture.legacy.execute("DELETE FROM cust_mstr WHERE cust_id = " + id);
                default -> fixture.legacy.execute("INSERT INTO cust_mstr VALUES (" + (rows + 1 + n) + ", 'inserted', 'A', 1700000000, 1, NULL)");
            }
        });
    }
}
