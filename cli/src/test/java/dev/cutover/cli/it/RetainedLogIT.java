package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.config.ConfigLoader;
import dev.cutover.runtime.BridgeService;
import dev.cutover.testkit.TestDatabase;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a capture's position retains, end to end: served as {@code cutover_capture_slot_retained_bytes}
 * and in {@code /status} and {@code cutover status} while the bridge runs, and reported by
 * {@code cutover check} from the database (and MariaDB's offset file) once it is stopped: a problem
 * with its fix above {@code tuning.slot-retained-warn}, ok below.
 */
class RetainedLogIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** What the stopped bridge's database is written meanwhile: well above the tiny warning threshold. */
    private static final int ROWS = 300;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aStoppedBridgesSlotIsAProblemAboveTheWarningAndItsSizeIsServedWhileRunning() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_retained", dir)) {
            fixture.legacy.execute(Scenario.CUSTOMERS_LEGACY_DDL, "CREATE TABLE uncaptured (id int PRIMARY KEY, payload text)");
            fixture.neu.execute(Scenario.CUSTOMERS_NEW_DDL);
            Path config = fixture.writeConfig(Scenario.CUSTOMERS_BINDING, 0, tuning("64KiB"));
            BridgeService service = fixture.start();
            fixture.awaitReady(service, TIMEOUT);
            awaitRetainedServed(service);
            service.close();

            writeUncaptured(fixture.legacy);
            CliRun above = CliRun.of("check", "--config", config.toString());

            String slot = "cutover_" + fixture.name + "_legacy";
            assertThat(above.code()).as(above.printed()).isEqualTo(1);
            assertThat(above.out()).containsPattern("PROBLEM  systems.legacy: replication slot " + slot
                    + " retains [0-9.]+ (KiB|MiB|GiB) of log \\(from [0-9A-F/]+ to [0-9A-F/]+\\), above tuning.slot-retained-warn \\(64KiB\\)")
                    .contains("SELECT pg_drop_replication_slot('" + slot + "')");

            fixture.writeConfig(Scenario.CUSTOMERS_BINDING, 0, tuning("1GiB"));
            CliRun within = CliRun.of("check", "--config", config.toString());
            assertThat(within.out()).as(within.printed()).containsPattern("ok       systems.legacy: replication slot " + slot
                    + " retains .* within tuning.slot-retained-warn \\(1GiB\\)");
        }
    }

    @Test
    void aMariaDbCapturesStoredBinlogPositionIsMeasuredFromItsOffsetFile() throws Exception {
        MariaDbTestDatabase maria = MariaDbTestDatabase.create("cutover_it_mretained");
        PostgresTestDatabase pg = PostgresTestDatabase.create("cutover_it_mretained");
        try (maria; pg) {
            maria.execute("CREATE TABLE cust_mstr (cust_id int PRIMARY KEY, cust_nm varchar(80))",
                    "CREATE TABLE uncaptured (id int PRIMARY KEY, payload text)");
            pg.execute("CREATE TABLE customers (id int PRIMARY KEY, full_name text)");
            Path config = mariaDbConfig(maria, pg, "64KiB");
            try (BridgeService service = new BridgeService(ConfigLoader.load(config), Clock.systemUTC())) {
                service.start();
                Readiness.awaitReady(service, TIMEOUT, maria, pg);
                awaitRetainedServed(service);
            }

            writeUncaptured(maria);
            CliRun above = CliRun.of("check", "--config", config.toString());

            Path offsets = dir.resolve("state").resolve("offsets").resolve("legacy.offsets").toAbsolutePath();
            assertThat(above.code()).as(above.printed()).isEqualTo(1);
            assertThat(above.out()).containsPattern("PROBLEM  systems.legacy: stored binlog position in " + offsets
                    + " retains [0-9.]+ (KiB|MiB|GiB) of log \\(from \\S+:\\d+ to \\S+:\\d+\\), above tuning.slot-retained-warn \\(64KiB\\)")
                    .contains("expire_logs_days");

            mariaDbConfig(maria, pg, "1GiB");
            CliRun within = CliRun.of("check", "--config", config.toString());
            assertThat(within.out()).as(within.printed()).containsPattern("ok       systems.legacy: stored binlog position in "
                    + offsets + " retains .* within tuning.slot-retained-warn \\(1GiB\\)");
        }
    }

    /** Short probes so the running bridge measures at once, and the warning threshold under test. */
    private static String tuning(String warn) {
        return "heartbeat-interval: PT1S, slot-probe-interval: PT1S, slot-retained-warn: " + warn;
    }

    /** Waits for the legacy capture's gauge to hold a measurement, then checks {@code /status} and {@code cutover status} show it. */
    private static void awaitRetainedServed(BridgeService service) throws Exception {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get(service, "/metrics"))
                .containsPattern("cutover_capture_slot_retained_bytes\\{system=\"legacy\"} [0-9]"));
        assertThat(get(service, "/status")).containsPattern("\"retainedBytes\" : [0-9]+")
                .contains("\"retainedError\" : null");
        CliRun status = CliRun.of("status", "--url", "http://127.0.0.1:" + service.httpPort());
        assertThat(status.out()).as(status.printed()).containsPattern("capture legacy: streaming .*log retained [0-9.]+ (B|KiB|MiB)\\)");
    }

    private static void writeUncaptured(TestDatabase db) {
        db.execute(IntStream.range(0, ROWS).mapToObj(i -> "INSERT INTO uncaptured VALUES (" + i + ", repeat('x', 1000))")
                .toArray(String[]::new));
    }

    private Path mariaDbConfig(MariaDbTestDatabase maria, PostgresTestDatabase pg, String warn) throws Exception {
        return MariaDbLegacyConfig.write(dir, "cutover.yaml", "it_mretained_" + maria.name().substring(maria.name().length() - 6),
                maria, maria.user(), maria.password(), pg, tuning(warn));
    }

    private static String get(BridgeService service, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
