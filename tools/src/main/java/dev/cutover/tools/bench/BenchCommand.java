package dev.cutover.tools.bench;

import dev.cutover.config.BridgeConfig;
import dev.cutover.config.ConfigLoader;
import dev.cutover.core.conflict.ReflectionGuard;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.tools.Directories;
import dev.cutover.runtime.metrics.MetricNames;
import dev.cutover.runtime.metrics.MetricsView;
import dev.cutover.runtime.BridgeService;
import io.micrometer.core.instrument.Counter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutover bench}: end-to-end throughput and lag of the legacy-to-new pipeline, next to the
 * raw rate of the same batched upserts written straight over JDBC (the ceiling).
 *
 * <p>Phases: (1) ceilings: the applier alone writes the workload's changes into the new table
 * (apply), and a replication slot alone hands over the same changes written into the legacy table
 * (decode), which together give the database-bound limit 1/(1/decode + 1/apply); (2) bulk: the legacy table takes the inserts, updates and deletes while a fresh bridge streams
 * them, timed from the first legacy write until the new table holds the final state, repeated so
 * that the last round runs on a warmed-up JVM as a long-lived service would; (3) steady:
 * a fresh bridge under a constant legacy write rate, reporting end-to-end lag percentiles.
 *
 * <p>With {@code --two-way} every phase runs through the same binding configured two-way
 * (legacy-wins): the applier also locks and reads the target rows to check for conflicts and
 * marks its transactions, and the new database's capture reads back and drops every applied change
 * as an echo. Each bulk round then also reports the echoes dropped and the conflicts met (none for
 * writes on one side only), and a mixed phase follows the rounds: half the workload written into
 * the legacy table and half into the new one at the same time, on disjoint keys. The ceiling stays
 * the plain one-way applier's, so both modes' figures compare against the same yardstick.
 */
@Command(name = "bench", description = "Measure end-to-end throughput and lag against the raw JDBC ceiling; `bench switch` times direction switches.",
        subcommands = SwitchBench.class)
public final class BenchCommand implements Callable<Integer> {

    private static final TableId ORDERS = new TableId("public", "orders");
    private static final String NEW_STATE = "SELECT count(*), count(*) FILTER (WHERE status = 'paid') FROM orders";
    private static final String LEGACY_STATE = "SELECT count(*), count(*) FILTER (WHERE stat_cd = 'P') FROM ord_hdr";

    @Option(names = "--inserts", defaultValue = "20000", description = "Legacy rows inserted (default ${DEFAULT-VALUE}).")
    int inserts;

    @Option(names = "--updates", defaultValue = "20000", description = "Legacy rows updated (default ${DEFAULT-VALUE}).")
    int updates;

    @Option(names = "--deletes", defaultValue = "5000", description = "Legacy rows deleted (default ${DEFAULT-VALUE}).")
    int deletes;

    @Option(names = "--rounds", defaultValue = "3", description = "Bulk rounds, each with a fresh bridge; all but the last warm the JVM up (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--steady-rate", defaultValue = "2000", description = "Rows per second in the steady phase (default ${DEFAULT-VALUE}).")
    int steadyRate;

    @Option(names = "--steady-duration", defaultValue = "PT30S", description = "Length of the steady phase (default ${DEFAULT-VALUE}).")
    Duration steadyDuration;

    @Option(names = "--backlog", defaultValue = "0", description = "If above 0: legacy inserts written while the bridge is down, then timed until applied (default ${DEFAULT-VALUE}: skip).")
    int backlog;

    @Option(names = "--load-rows", defaultValue = "0", description = "If above 0: a legacy table of this many rows, copied by"
            + " pg_dump | psql for reference, then loaded by a fresh bridge, timed until the new table holds every row"
            + " (default ${DEFAULT-VALUE}: skip).")
    int loadRows;

    @Option(names = "--load-from-mariadb", description = "host:port of a MariaDB server (user root without a password, binlog in ROW"
            + " format): the load phase also loads the same table from a MariaDB legacy database, next to mariadb --batch | psql.")
    String loadFromMariaDb;

    @Option(names = "--load-max-rows-per-second", defaultValue = "0", description = "The bridges' tuning.load-max-rows-per-second:"
            + " the load phase reads at most this many rows per second (default ${DEFAULT-VALUE}: no limit).")
    int loadMaxRowsPerSecond;

    @Option(names = "--two-way", description = "Stream through a two-way binding (conflict policy legacy-wins) instead of legacy-to-new,"
            + " report echoes and conflicts, and add a phase writing on both sides.")
    boolean twoWay;

    @Option(names = "--postgres", description = "host:port of a PostgreSQL server (user postgres, wal_level=logical) to use instead of embedded servers.")
    String postgres;

    @Option(names = "--data-dir", defaultValue = "data/bench", description = "Working directory, wiped at start (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        if (updates > inserts || deletes > inserts) {
            System.err.println("cutover bench: --updates and --deletes must not exceed --inserts");
            return 2;
        }
        Directories.wipe(dataDir);
        try (BenchDatabases dbs = postgres == null ? BenchDatabases.embedded(dataDir.resolve("postgres"))
                : BenchDatabases.onServer(postgres)) {
            try (Connection legacy = dbs.connectLegacy(); Connection neu = dbs.connectNew()) {
                BenchWorkload.createTables(legacy, neu);
            }
            int total = inserts + updates + deletes;
            report("binding direction: %s", twoWay ? "two-way (conflict policy legacy-wins; the ceiling is the one-way applier's)"
                    : "legacy-to-new");
            for (int round = 1; round <= rounds; round++) {
                String label = "round " + round + " of " + rounds + (round < rounds ? " (JVM warm-up)" : "");
                truncate(dbs);
                double ceiling = ceiling(dbs);
                report("%s: ceiling: %d changes applied straight over JDBC at %,.0f rows/s", label, total, ceiling);
                truncate(dbs);
                double decode = decodeCeiling(dbs, total);
                double limit = 1 / (1 / decode + 1 / ceiling);
                report("%s: decode ceiling: one slot (pgoutput) hands over %,.0f changes/s; database-bound limit"
                        + " 1/(1/decode + 1/apply) = %,.0f events/s", label, decode, limit);
                truncate(dbs);
                Bulk bulk = bulk(dbs, "bench_bulk_" + round);
                report("%s: end to end: %d changes in %.2f s = %,.0f events/s (%.0f%% of the JDBC ceiling, %.0f%% of the"
                        + " database-bound limit); legacy writes took %.2f s, all published to Kafka after %.2f s", label, total,
                        bulk.seconds, total / bulk.seconds, 100 * total / bulk.seconds / ceiling, 100 * total / bulk.seconds / limit,
                        bulk.loadSeconds, bulk.capturedSeconds);
                if (bulk.twoWay != null) {
                    report("%s: two-way: %s", label, bulk.twoWay);
                }
            }
            if (twoWay) {
                truncate(dbs);
                mixed(dbs);
            }
            if (!steadyDuration.isZero()) {
                truncate(dbs);
                String steady = steady(dbs);
                report("steady %d rows/s for %s: end-to-end lag %s", steadyRate, steadyDuration, steady);
            }
            if (backlog > 0) {
                truncate(dbs);
                backlog(dbs);
            }
            if (loadRows > 0) {
                truncate(dbs);
                LoadPhase.run(dbs, loadRows, name -> startBridge(dbs, name));
                if (loadFromMariaDb != null) {
                    truncate(dbs);
                    MariaDbLoadPhase.run(dbs, loadFromMariaDb, loadRows,
                            (name, legacy, binding) -> startBridge(dbs, name, legacy, binding));
                }
            }
            report("heap: limit %d MiB; peak used at most %d MiB (each heap pool's own peak, added up)",
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), peakHeapMiB());
        }
        return 0;
    }

    /** The bulk phase's changes written into the legacy table, read back from a replication slot alone: changes per second. */
    private double decodeCeiling(BenchDatabases dbs, int total) throws Exception {
        try (DecodeCeiling slot = DecodeCeiling.before(dbs.legacyUrl()); Connection legacy = dbs.connectLegacy()) {
            BenchWorkload.insert(legacy, 0, inserts);
            BenchWorkload.update(legacy, 0, updates, 1);
            BenchWorkload.delete(legacy, 0, deletes);
            return slot.read(total);
        }
    }

    /** The same changes the bulk phase produces, applied by the applier alone in its batch size. */
    private double ceiling(BenchDatabases dbs) throws Exception {
        JdbcConnectionFactory connections = JdbcConnectionFactory.of(dbs.newUrl(), "postgres", (String) null);
        TableSchema orders = new JdbcSchemaReader(connections).read(ORDERS);
        List<ChangeEvent> changes = new ArrayList<>(inserts + updates + deletes);
        Instant now = Instant.now();
        for (long id = 0; id < inserts; id++) {
            changes.add(ChangeEvent.create(SystemSide.LEGACY, ORDERS, List.of("id"), order(id, "new", 0), now, SourcePosition.NONE, null));
        }
        for (long id = 0; id < updates; id++) {
            changes.add(ChangeEvent.update(SystemSide.LEGACY, ORDERS, List.of("id"), null, order(id, "paid", 1), now, SourcePosition.NONE, null));
        }
        for (long id = 0; id < deletes; id++) {
            RowImage key = RowImage.builder().put("id", id).build();
            changes.add(ChangeEvent.delete(SystemSide.LEGACY, ORDERS, List.of("id"), key, now, SourcePosition.NONE, null));
        }
        int batch = 2_000;
        try (JdbcApplier applier = new JdbcApplier(connections, Map.of(ORDERS, orders))) {
            long start = System.nanoTime();
            for (int i = 0; i < changes.size(); i += batch) {
                applier.apply(changes.subList(i, Math.min(changes.size(), i + batch)));
            }
            return changes.size() / seconds(start);
        }
    }

    private static RowImage order(long id, String status, int round) {
        return RowImage.builder().put("id", id).put("customer_id", (int) (id % 5_000))
                .put("amount", BigDecimal.valueOf((id * 41 + round) % 1_000_000, 2)).put("status", status)
                .put("updated_at", LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds(id)).put("note", "order " + id).build();
    }

    /** @param twoWay the echoes and conflicts of a two-way round; null one-way */
    private record Bulk(double seconds, double loadSeconds, double capturedSeconds, TwoWayFigures twoWay) {
    }

    /**
     * What a two-way round did beyond one-way: echoes dropped, conflicts and held changes (none
     * expected), and the arbiter's versions of new-side writes left out as superseded.
     */
    private record TwoWayFigures(EchoDrain.Result echoes, long conflicts, long held, long superseded) {

        static TwoWayFigures of(BridgeService service, EchoDrain.Result echoes) {
            long conflicts = (long) service.registry().find(MetricNames.CONFLICTS).counters().stream()
                    .mapToDouble(Counter::count).sum();
            MetricsView metrics = new MetricsView(service.registry());
            return new TwoWayFigures(echoes, conflicts, metrics.events(MetricNames.OUTCOME_HELD),
                    metrics.events(MetricNames.OUTCOME_SKIPPED_PREFIX + ReflectionGuard.SKIP_SUPERSEDED));
        }

        @Override
        public String toString() {
            String echoed = echoes.echoes() == 0
                    ? "no echo reached the captures (the new database left the applier's origin-tagged writes out)"
                    : String.format(Locale.ROOT, "%,d echoes (the appliers' own writes, read back by the captures) dropped,"
                            + " the last by %.2f s", echoes.echoes(), echoes.lastEchoSeconds());
            return String.format(Locale.ROOT, "%s; %d conflicts, %d changes held, %d superseded reflections left out", echoed,
                    conflicts, held, superseded);
        }
    }

    private Bulk bulk(BenchDatabases dbs, String bridge) throws Exception {
        try (BridgeService service = startBridge(dbs, bridge); Connection legacy = dbs.connectLegacy();
                Connection neu = dbs.connectNew()) {
            long start = System.nanoTime();
            BenchWorkload.insert(legacy, 0, inserts);
            BenchWorkload.update(legacy, 0, updates, 1);
            BenchWorkload.delete(legacy, 0, deletes);
            double loadSeconds = seconds(start);
            MetricsView metrics = new MetricsView(service.registry());
            long total = (long) inserts + updates + deletes;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (metrics.events(MetricNames.OUTCOME_PUBLISHED) < total && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double capturedSeconds = seconds(start);
            long expectedRows = inserts - deletes;
            long expectedPaid = Math.max(0, updates - deletes);
            awaitState(neu, NEW_STATE, service, expectedRows, expectedPaid, Duration.ofMinutes(10));
            double seconds = seconds(start);
            TwoWayFigures figures = twoWay
                    ? TwoWayFigures.of(service, EchoDrain.await(List.of(legacy, neu), metrics, start, Duration.ofMinutes(5)))
                    : null;
            return new Bulk(seconds, loadSeconds, capturedSeconds, figures);
        }
    }

    /**
     * Two-way with both systems written at once: the first half of each kind of change goes to
     * the legacy table, the second half to the new table on keys of its own, each side from its
     * own thread; timed until both tables hold the final state.
     */
    private void mixed(BenchDatabases dbs) throws Exception {
        int legacyInserts = inserts / 2;
        int legacyUpdates = updates / 2;
        int legacyDeletes = deletes / 2;
        int newInserts = inserts - legacyInserts;
        int newUpdates = updates - legacyUpdates;
        int newDeletes = deletes - legacyDeletes;
        try (BridgeService service = startBridge(dbs, "bench_mixed"); Connection legacy = dbs.connectLegacy();
                Connection neu = dbs.connectNew(); Connection legacyCheck = dbs.connectLegacy();
                Connection newCheck = dbs.connectNew()) {
            ExecutorService writers = Executors.newFixedThreadPool(2);
            long start = System.nanoTime();
            try {
                Future<Double> legacyWrites = writers.submit(() -> {
                    BenchWorkload.insert(legacy, 0, legacyInserts);
                    BenchWorkload.update(legacy, 0, legacyUpdates, 1);
                    BenchWorkload.delete(legacy, 0, legacyDeletes);
                    return seconds(start);
                });
                Future<Double> newWrites = writers.submit(() -> {
                    BenchWorkload.insertNew(neu, legacyInserts, newInserts);
                    BenchWorkload.updateNew(neu, legacyInserts, newUpdates);
                    BenchWorkload.deleteNew(neu, legacyInserts, newDeletes);
                    return seconds(start);
                });
                double loadSeconds = Math.max(legacyWrites.get(), newWrites.get());
                long rows = (long) legacyInserts - legacyDeletes + newInserts - newDeletes;
                long paid = Math.max(0, legacyUpdates - legacyDeletes) + Math.max(0, newUpdates - newDeletes);
                awaitState(newCheck, NEW_STATE, service, rows, paid, Duration.ofMinutes(10));
                awaitState(legacyCheck, LEGACY_STATE, service, rows, paid, Duration.ofMinutes(10));
                double seconds = seconds(start);
                TwoWayFigures figures = TwoWayFigures.of(service,
                        EchoDrain.await(List.of(legacyCheck, newCheck), new MetricsView(service.registry()), start, Duration.ofMinutes(5)));
                int total = inserts + updates + deletes;
                report("mixed: %d changes (%d into legacy, %d into new, disjoint keys) in %.2f s = %,.0f events/s;"
                        + " writes on both sides took %.2f s", total, legacyInserts + legacyUpdates + legacyDeletes,
                        newInserts + newUpdates + newDeletes, seconds, total / seconds, loadSeconds);
                report("mixed: two-way: %s", figures);
            } finally {
                writers.shutdownNow();
            }
        }
    }

    private String steady(BenchDatabases dbs) throws Exception {
        try (BridgeService service = startBridge(dbs, "bench_steady"); Connection legacy = dbs.connectLegacy()) {
            MetricsView metrics = new MetricsView(service.registry());
            int perTick = Math.max(1, steadyRate / 20);
            long written = 0;
            long end = System.nanoTime() + steadyDuration.toNanos();
            long nextTick = System.nanoTime();
            while (System.nanoTime() < end) {
                BenchWorkload.insert(legacy, 1_000_000_000L + written, perTick);
                written += perTick;
                nextTick += 50_000_000L;
                long pause = nextTick - System.nanoTime();
                if (pause > 0) {
                    Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
                }
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (metrics.events(MetricNames.OUTCOME_APPLIED) < written && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return metrics.lagSummary() + String.format(Locale.ROOT, " over %d changes", written);
        }
    }

    /** A backlog built while the bridge is down (its slot holds the changes), then drained. */
    private void backlog(BenchDatabases dbs) throws Exception {
        startBridge(dbs, "bench_backlog").close();
        long start = System.nanoTime();
        try (Connection legacy = dbs.connectLegacy()) {
            BenchWorkload.insert(legacy, 0, backlog);
        }
        report("backlog: %,d legacy inserts written in %.1f s while the bridge was down", backlog, seconds(start));
        start = System.nanoTime();
        try (BridgeService service = startBridge(dbs, "bench_backlog"); Connection neu = dbs.connectNew()) {
            awaitState(neu, NEW_STATE, service, backlog, 0, Duration.ofMinutes(30));
        }
        double drained = seconds(start);
        report("backlog: drained in %.1f s = %,.0f events/s with a %d MiB heap limit", drained, backlog / drained,
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    private BridgeService startBridge(BenchDatabases dbs, String name) throws Exception {
        return startBridge(dbs, name, "{ kind: postgresql, jdbc-url: \"" + dbs.legacyUrl() + "\", user: postgres }",
                twoWay ? BenchWorkload.TWO_WAY_BINDING_YAML : BenchWorkload.BINDING_YAML);
    }

    /** Starts a bridge of {@code binding} from the legacy system {@code legacy} (a flow mapping) into the new PostgreSQL database. */
    private BridgeService startBridge(BenchDatabases dbs, String name, String legacy, String binding) throws Exception {
        Path dir = dataDir.resolve(name);
        Files.createDirectories(dir);
        Path file = dir.resolve("cutover.yaml");
        Files.writeString(file, """
                name: %s
                data-dir: state
                kafka: { bootstrap: embedded, embedded-port: 0 }
                systems:
                  legacy: %s
                  new:    { kind: postgresql, jdbc-url: "%s", user: postgres }
                http: { address: "127.0.0.1:0" }
                tuning: { heartbeat-interval: PT0.5S, load-max-rows-per-second: %d }
                bindings:
                %s""".formatted(name, legacy, dbs.newUrl(), loadMaxRowsPerSecond, binding));
        BridgeConfig config = ConfigLoader.load(file);
        BridgeService service = new BridgeService(config, Clock.systemUTC());
        service.start();
        // Writes made before the replication slot exists would reach the target through the
        // initial load instead of the stream; readiness says the stream is open.
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!service.isReady()) {
            if (System.nanoTime() > deadline || service.failure() != null) {
                service.close();
                throw new IllegalStateException("the capture did not start streaming", service.failure());
            }
            Thread.sleep(20);
        }
        return service;
    }

    /** Waits until the table {@code stateQuery} counts holds {@code rows} rows, {@code paid} of them paid. */
    private static void awaitState(Connection c, String stateQuery, BridgeService service, long rows, long paid, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery(stateQuery)) {
                    rs.next();
                    if (rs.getLong(1) == rows && rs.getLong(2) == paid) {
                        return;
                    }
                }
                if (service.failure() != null) {
                    throw new IllegalStateException("bridge failed during the benchmark", service.failure());
                }
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException("the table counted by '" + stateQuery + "' did not reach the final state within " + timeout);
    }

    private static void truncate(BenchDatabases dbs) throws Exception {
        try (Connection legacy = dbs.connectLegacy(); Connection neu = dbs.connectNew();
                Statement l = legacy.createStatement(); Statement n = neu.createStatement()) {
            l.execute("TRUNCATE ord_hdr");
            n.execute("TRUNCATE orders");
        }
    }

    /** An upper bound of the heap's peak use: the pools peak at different moments (eden before a collection, old after). */
    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void report(String format, Object... args) {
        System.out.println("bench: " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
