package dev.cutover.service.demo;

import dev.cutover.config.BridgeConfig;
import dev.cutover.config.ConfigLoader;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.jdbc.JdbcRowReader;
import dev.cutover.service.Directories;
import dev.cutover.service.metrics.MetricNames;
import dev.cutover.service.metrics.MetricsView;
import dev.cutover.service.runtime.BindingCompiler;
import dev.cutover.service.runtime.BridgeService;
import dev.cutover.service.verify.TableComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutover demo}: the main job with zero setup. Two embedded PostgreSQL servers, an
 * embedded Kafka broker, a bridge mapping {@code cust_mstr} onto {@code customers}, a stream of
 * legacy writes, and a final check that the new table equals the mapped legacy table.
 */
@Command(name = "demo", description = "Run a self-contained demo: embedded PostgreSQL x2 + Kafka, legacy writes streamed into the new schema.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--duration", defaultValue = "PT20S", description = "How long to write legacy changes (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--rate", defaultValue = "100", description = "Legacy changes per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seed-rows", defaultValue = "500", description = "Legacy rows that exist before the bridge starts (default ${DEFAULT-VALUE}).")
    int seedRows;

    @Option(names = "--data-dir", defaultValue = "data/demo", description = "Where the demo keeps its databases, Kafka log and state; wiped at start (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "0", description = "Port of the embedded Kafka broker; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--http-port", defaultValue = "0", description = "HTTP port for /metrics and /status; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--keep-running", description = "After the check, keep the bridge running until Ctrl-C.")
    boolean keepRunning;

    @Override
    public Integer call() throws Exception {
        Directories.wipe(dataDir);
        say("Starting two embedded PostgreSQL servers (legacy, new) under %s ...", dataDir);
        try (EmbeddedDatabases dbs = EmbeddedDatabases.start(dataDir.resolve("postgres"));
                Connection legacy = dbs.legacyConnection();
                Connection neu = dbs.newConnection()) {
            DemoSchema.create(legacy, neu);
            LegacyWorkload workload = new LegacyWorkload(legacy, 42);
            workload.seed(seedRows);
            say("Legacy table cust_mstr has %d rows; new table customers is empty.", seedRows);
            Path configFile = DemoSchema.writeConfig(dataDir, dbs, kafkaPort, httpPort);
            say("Bridge configuration (%s):%n%s", configFile, Files.readString(configFile));
            BridgeConfig config = ConfigLoader.load(configFile);
            try (BridgeService service = new BridgeService(config, Clock.systemUTC())) {
                service.start();
                say("Bridge running. Kafka: %s  Metrics: http://127.0.0.1:%d/metrics  Status: http://127.0.0.1:%d/status",
                        service.kafkaBootstrap(), service.httpPort(), service.httpPort());
                MetricsView metrics = new MetricsView(service.registry());
                writeFor(workload, metrics);
                boolean inSync = awaitSync(config, neu, metrics);
                showSample(legacy, neu);
                say("End-to-end lag (legacy commit -> new commit): %s", metrics.lagSummary());
                if (keepRunning && inSync) {
                    say("Still running; press Ctrl-C to stop.");
                    Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "cutover-shutdown"));
                    service.awaitStop(Duration.ofDays(365));
                }
                return inSync ? 0 : 1;
            }
        }
    }

    private void writeFor(LegacyWorkload workload, MetricsView metrics) throws Exception {
        say("Writing about %d legacy changes per second for %s ...", rate, duration);
        long end = System.nanoTime() + duration.toNanos();
        long nextReport = System.nanoTime() + 2_000_000_000L;
        int perTick = Math.max(1, rate / 10);
        while (System.nanoTime() < end) {
            long tickEnd = System.nanoTime() + 100_000_000L;
            workload.step(perTick);
            if (System.nanoTime() >= nextReport) {
                say("  legacy changes %6d | captured %6d | applied %6d | consumer lag %4d | e2e lag %s",
                        workload.changes(), metrics.events(MetricNames.OUTCOME_CAPTURED),
                        metrics.events(MetricNames.OUTCOME_APPLIED), metrics.consumerLag(), metrics.lagSummary());
                nextReport += 2_000_000_000L;
            }
            long pause = tickEnd - System.nanoTime();
            if (pause > 0) {
                Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
            }
        }
        say("Wrote %s.", workload.describe());
    }

    private static boolean awaitSync(BridgeConfig config, Connection neu, MetricsView metrics) throws Exception {
        TableMapping mapping = new BindingCompiler(config).compile().get(0).mapping();
        JdbcRowReader legacyRows = new JdbcRowReader(BindingCompiler.connections(config.legacySystem()));
        JdbcRowReader newRows = new JdbcRowReader(BindingCompiler.connections(config.newSystem()));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        TableComparison.Result result;
        do {
            result = TableComparison.compare(mapping, legacyRows, newRows);
            if (result.inSync()) {
                say("Caught up: the new table equals the mapped legacy table (%s).", result.describe());
                return true;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        say("NOT in sync after 60 s: %s (applied %d, dead-lettered %d)", result.describe(),
                metrics.events(MetricNames.OUTCOME_APPLIED), metrics.events(MetricNames.OUTCOME_DEAD_LETTERED));
        return false;
    }

    private static void showSample(Connection legacy, Connection neu) throws Exception {
        say("A few rows, legacy then new:");
        print(legacy, "SELECT cust_id, cust_nm, stat_cd, crt_epoch, bal_amt FROM cust_mstr ORDER BY cust_id DESC LIMIT 3");
        print(neu, "SELECT id, full_name, status, created_at, balance, source FROM customers ORDER BY id DESC LIMIT 3");
    }

    private static void print(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder line = new StringBuilder("    ");
                for (int i = 1; i <= n; i++) {
                    line.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i)).append("  ");
                }
                System.out.println(line.toString().stripTrailing());
            }
        }
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(format, args));
        System.out.flush();
    }
}
