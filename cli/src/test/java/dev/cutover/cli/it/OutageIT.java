package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.config.ConfigLoader;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.runtime.metrics.MetricsView;
import dev.cutover.runtime.BridgeService;
import dev.cutover.runtime.ServiceState;
import dev.cutover.testkit.kafka.SharedKafka;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database taken away from a running bridge for real (its server stopped: connections refused)
 * is waited for as long as it is gone, however many attempts that takes; meanwhile the bridge
 * stays up, {@code /health/ready} is false, {@code /status} names the binding held up and why, the
 * consumer lag keeps being measured; once the server is back everything written meanwhile arrives.
 * The retry cap is set low so that the outage spans far more attempts than the old limit of ten.
 */
class OutageIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** At a cap of 0.3 s, ten attempts take about 3 s; the outages below last several times longer. */
    private static final String TUNING = "{ heartbeat-interval: PT1S, retry-backoff-max: PT0.3S }";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void theTargetDatabaseDownIsWaitedForAndReportedAndEverythingArrivesOnceItIsBack() throws Exception {
        try (PostgresTestDatabase legacy = PostgresTestDatabase.create("cutover_it_outage_legacy");
                StoppablePostgres target = StoppablePostgres.start(dir.resolve("target-pg"))) {
            legacy.execute(Scenario.CUSTOMERS_LEGACY_DDL);
            target.execute(Scenario.CUSTOMERS_NEW_DDL);
            Path config = writeConfig("it_outage_target", legacy.jdbcUrl(), target.jdbcUrl());
            try (BridgeService bridge = new BridgeService(ConfigLoader.load(config), Clock.systemUTC())) {
                bridge.start();
                Readiness.awaitReady(bridge, TIMEOUT, legacy);
                insertCustomers(legacy, 1, 20);
                awaitInSync(config, legacy, target);

                target.stop();
                insertCustomers(legacy, 21, 40);
                await("the applier reports the outage").atMost(TIMEOUT).until(() -> degraded(bridge, "applier of new"));
                assertThat(bridge.isReady()).as("ready while the target is down").isFalse();
                assertThat(binding(bridge)).containsEntry("state", "DEGRADED");
                assertThat((String) binding(bridge).get("degraded")).startsWith("applier of new: ");
                MetricsView metrics = new MetricsView(bridge.registry());
                await("the consumer lag counts the changes waiting").atMost(TIMEOUT).until(() -> metrics.consumerLag() >= 20);
                await("more attempts than the old limit of ten").atMost(TIMEOUT)
                        .until(() -> attempts(bridge, "applier of new") > 20);
                assertThat(bridge.state()).isEqualTo(ServiceState.RUNNING);

                long back = System.nanoTime();
                target.restart();
                awaitInSync(config, legacy, target);
                await("ready again").atMost(TIMEOUT).until(bridge::isReady);
                report("target database", back);
                assertThat(outages(bridge)).isEmpty();
                assertThat(binding(bridge)).containsEntry("state", "STREAMING");
            }
        }
    }

    @Test
    void theCapturedDatabaseDownIsWaitedForAndReportedAndItsLaterWritesArrive() throws Exception {
        try (StoppablePostgres source = StoppablePostgres.start(dir.resolve("source-pg"));
                PostgresTestDatabase neu = PostgresTestDatabase.create("cutover_it_outage_new")) {
            source.execute(Scenario.CUSTOMERS_LEGACY_DDL);
            neu.execute(Scenario.CUSTOMERS_NEW_DDL);
            Path config = writeConfig("it_outage_source", source.jdbcUrl(), neu.jdbcUrl());
            try (BridgeService bridge = new BridgeService(ConfigLoader.load(config), Clock.systemUTC())) {
                bridge.start();
                Readiness.awaitReady(bridge, TIMEOUT, neu);
                source.execute(inserts(1, 20));
                awaitInSync(config, source, neu);

                source.stop();
                await("the capture reports the outage").atMost(TIMEOUT).until(() -> degraded(bridge, "capture of legacy"));
                assertThat(bridge.isReady()).as("ready while the captured database is down").isFalse();
                assertThat(binding(bridge)).containsEntry("state", "DEGRADED");
                @SuppressWarnings("unchecked")
                Map<String, Object> capture = ((Map<String, Map<String, Object>>) bridge.status().get("captures")).get("legacy");
                assertThat(capture).containsEntry("streaming", false).containsKey("outage");
                await("more attempts than Debezium's old limit of ten").atMost(TIMEOUT)
                        .until(() -> attempts(bridge, "capture of legacy") > 10);
                assertThat(bridge.state()).isEqualTo(ServiceState.RUNNING);

                long back = System.nanoTime();
                source.restart();
                source.execute(inserts(21, 40));
                awaitInSync(config, source, neu);
                await("ready again").atMost(TIMEOUT).until(bridge::isReady);
                report("captured database", back);
                assertThat(outages(bridge)).isEmpty();
            }
        }
    }

    /** The recovery time, for the record (not asserted: timings belong to benchmarks). */
    private static void report(String what, long backNanos) {
        System.out.printf("OutageIT: %s back; in sync and ready %d ms later (retry-backoff-max %s)%n", what,
                (System.nanoTime() - backNanos) / 1_000_000, "PT0.3S");
    }

    private Path writeConfig(String name, String legacyUrl, String newUrl) throws Exception {
        String bridge = BridgeFixture.uniqueBridgeName(name);
        Path config = dir.resolve(name).resolve("cutover.yaml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                name: %s
                data-dir: state
                kafka: { bootstrap: "%s", partitions: 3 }
                systems:
                  legacy: { kind: postgresql, jdbc-url: "%s", user: postgres }
                  new:    { kind: postgresql, jdbc-url: "%s", user: postgres }
                http: { address: "127.0.0.1:0" }
                tuning: %s
                bindings:
                %s""".formatted(bridge, SharedKafka.bootstrapServers(), legacyUrl, newUrl, TUNING,
                Scenario.CUSTOMERS_BINDING.indent(2)));
        return config;
    }

    private static void insertCustomers(PostgresTestDatabase legacy, int from, int to) {
        legacy.execute(inserts(from, to));
    }

    private static String inserts(int from, int to) {
        return "INSERT INTO cust_mstr (cust_id, cust_nm, stat_cd, crt_epoch) SELECT g, 'customer ' || g, 'A', 1700000000 + g"
                + " FROM generate_series(" + from + ", " + to + ") g";
    }

    private static void awaitInSync(Path config, PostgresTestDatabase legacy, StoppablePostgres target) throws Exception {
        BridgeFixture.awaitInSync(config, "customers", JdbcConnectionFactory.of(legacy.jdbcUrl(), legacy.user(), (String) null),
                JdbcConnectionFactory.of(target.jdbcUrl(), "postgres", (String) null), TIMEOUT);
    }

    private static void awaitInSync(Path config, StoppablePostgres source, PostgresTestDatabase neu) throws Exception {
        BridgeFixture.awaitInSync(config, "customers", JdbcConnectionFactory.of(source.jdbcUrl(), "postgres", (String) null),
                JdbcConnectionFactory.of(neu.jdbcUrl(), neu.user(), (String) null), TIMEOUT);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> outages(BridgeService bridge) {
        return (List<Map<String, Object>>) bridge.status().get("degraded");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> binding(BridgeService bridge) {
        return ((List<Map<String, Object>>) bridge.status().get("bindings")).get(0);
    }

    private static boolean degraded(BridgeService bridge, String component) {
        return outages(bridge).stream().anyMatch(o -> component.equals(o.get("component"))
                && ((List<?>) o.get("bindings")).contains("customers"));
    }

    private static int attempts(BridgeService bridge, String component) {
        return outages(bridge).stream().filter(o -> component.equals(o.get("component")))
                .mapToInt(o -> (Integer) o.get("attempts")).max().orElse(0);
    }
}
