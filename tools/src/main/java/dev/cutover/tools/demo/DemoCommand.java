package dev.cutover.tools.demo;

import dev.cutover.config.BridgeConfig;
import dev.cutover.config.ConfigLoader;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.testkit.workload.LegacyWorkload;
import dev.cutover.tools.Directories;
import dev.cutover.tools.lifecycle.DirectionWalk;
import dev.cutover.tools.lifecycle.SupplierTables;
import dev.cutover.tools.lifecycle.SyncCheck;
import dev.cutover.runtime.metrics.MetricNames;
import dev.cutover.runtime.metrics.MetricsView;
import dev.cutover.runtime.BridgeService;
import dev.cutover.runtime.verify.TableComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutover demo}: the main job with zero setup. Two embedded PostgreSQL servers, an
 * embedded Kafka broker, a bridge mapping {@code cust_mstr} onto {@code customers} and keeping
 * {@code prod_mstr} and {@code products} equal both ways, a stream of legacy customer writes and
 * product writes on both sides with one product updated on both sides at once, and a check that
 * each new table equals its mapped legacy table and that the conflict was recorded. Then one more
 * table is walked through every direction while the bridge runs ({@link LifecycleDemo}).
 */
@Command(name = "demo", description = "Run a self-contained demo: embedded PostgreSQL x2 + Kafka, legacy writes streamed into the new schema,"
        + " a two-way table with a conflict resolved, and one table switched from direction to direction while the bridge runs.")
public final class DemoCommand implements Callable<Integer> {

    private static final String CUSTOMERS = "customers";
    private static final String PRODUCTS = "products";
    private static final List<String> SEEDED_PRODUCTS = IntStream.rangeClosed(1, 20).mapToObj(i -> String.format("P%04d", i)).toList();
    private static final int PRODUCT_CHANGES_PER_TICK = 1;
    private static final int SEEDED_SUPPLIERS = 50;
    /** The seeded product the demo updates on both sides at once; neither workload touches it. */
    private static final String CONFLICT_PRODUCT = SEEDED_PRODUCTS.get(0);

    @Option(names = "--duration", defaultValue = "PT20S", description = "How long to write changes (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--rate", defaultValue = "100", description = "Legacy customer changes per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seed-rows", defaultValue = "500", description = "Legacy customer rows that exist before the bridge starts (default ${DEFAULT-VALUE}).")
    int seedRows;

    @Option(names = "--data-dir", defaultValue = "data/demo", description = "Where the demo keeps its databases, Kafka log and state; wiped at start (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "0", description = "Port of the embedded Kafka broker; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--http-port", defaultValue = "0", description = "HTTP port for /metrics, /status and /conflicts; 0 picks a free one (default ${DEFAULT-VALUE}).")
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
            ProductWorkload.seed(legacy, SEEDED_PRODUCTS);
            SupplierTables.seed(legacy, SEEDED_SUPPLIERS);
            say("Legacy table cust_mstr has %d rows; new table customers is empty.", seedRows);
            say("Legacy table prod_mstr has %d products; new table products is empty.", SEEDED_PRODUCTS.size());
            say("Legacy table supp_mstr has %d suppliers; new table suppliers is empty.", SEEDED_SUPPLIERS);
            Path configFile = DemoSchema.writeConfig(dataDir, dbs, kafkaPort, httpPort);
            say("Bridge configuration (%s):%n%s", configFile, Files.readString(configFile));
            BridgeConfig config = ConfigLoader.load(configFile);
            try (BridgeService service = new BridgeService(config, Clock.systemUTC())) {
                service.start();
                String url = "http://127.0.0.1:" + service.httpPort();
                say("Bridge running. Kafka: %s  Metrics: %s/metrics  Status: %s/status  Conflicts: %s/conflicts",
                        service.kafkaBootstrap(), url, url, url);
                MetricsView metrics = new MetricsView(service.registry());
                SyncCheck check = SyncCheck.of(config);
                // Each side changes only its own products, so the conflicts are the ones staged on purpose.
                Writers writers = new Writers(workload,
                        new ProductWorkload(legacy, ProductWorkload.LEGACY, SEEDED_PRODUCTS.subList(1, 11), "L", 43),
                        new ProductWorkload(neu, ProductWorkload.NEW, SEEDED_PRODUCTS.subList(11, SEEDED_PRODUCTS.size()), "N", 44));
                SimultaneousUpdate.Written staged = writeFor(dbs, writers, check, metrics, service);
                List<Map<String, Object>> conflicts = awaitConflicts(service, staged.code());
                boolean inSync = awaitSync(check, metrics);
                showSample(legacy, neu);
                showConflicts(service, conflicts, staged, legacy, neu);
                say("End-to-end lag (source commit -> target commit): %s", metrics.lagSummary());
                DirectionWalk walk = new DirectionWalk(service, configFile,
                        direction -> DemoSchema.config(dbs, kafkaPort, httpPort, direction), System.out);
                boolean walked = new LifecycleDemo(service, dbs, walk, check, lifecyclePhase()).run();
                boolean passed = inSync && !conflicts.isEmpty() && walked;
                if (keepRunning && passed) {
                    say("Still running; press Ctrl-C to stop.");
                    Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "cutover-shutdown"));
                    service.awaitStop(Duration.ofDays(365));
                }
                return passed ? 0 : 1;
            }
        }
    }

    /** How long each phase of the suppliers' lifecycle writes: a fifth of the demo's duration, at least two seconds. */
    private Duration lifecyclePhase() {
        Duration fifth = duration.dividedBy(5);
        return fifth.compareTo(Duration.ofSeconds(2)) < 0 ? Duration.ofSeconds(2) : fifth;
    }

    /** The demo's writers: the legacy application on customers, and both applications on products. */
    private record Writers(LegacyWorkload customers, ProductWorkload legacyProducts, ProductWorkload newProducts) {
    }

    /**
     * Writes for {@link #duration}: customers from the start, products on both sides once the
     * initial load has copied them (so no write races the load), and half-way through updates
     * {@link #CONFLICT_PRODUCT} on both sides at once.
     */
    private SimultaneousUpdate.Written writeFor(EmbeddedDatabases dbs, Writers writers, SyncCheck check, MetricsView metrics,
            BridgeService service) throws Exception {
        say("Writing about %d legacy customer changes per second for %s, and %d product changes per second on each side"
                + " once the products are loaded ...", rate, duration, PRODUCT_CHANGES_PER_TICK * 10);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long halfway = start + duration.toNanos() / 2;
        long nextReport = start + 2_000_000_000L;
        int perTick = Math.max(1, rate / 10);
        boolean productsLoaded = false;
        SimultaneousUpdate.Written staged = null;
        for (int tick = 0; System.nanoTime() < end || staged == null; tick++) {
            long tickEnd = System.nanoTime() + 100_000_000L;
            writers.customers().step(perTick);
            if (!productsLoaded && tick % 5 == 0 && service.isReady() && check.compare(PRODUCTS).inSync()) {
                productsLoaded = true;
                say("  the initial load copied the %d products; both sides now write products", SEEDED_PRODUCTS.size());
            }
            if (productsLoaded) {
                writers.legacyProducts().step(PRODUCT_CHANGES_PER_TICK);
                writers.newProducts().step(PRODUCT_CHANGES_PER_TICK);
            }
            if (staged == null && System.nanoTime() >= halfway && (productsLoaded || System.nanoTime() >= end)) {
                staged = SimultaneousUpdate.run(dbs, CONFLICT_PRODUCT, Duration.ofSeconds(60));
                say("  product %s updated on both sides at once: legacy price %s at %s, new price %s at %s (the newer)",
                        staged.code(), staged.legacyPrice(), staged.legacyTime(), staged.newPrice(), staged.newTime());
            }
            if (System.nanoTime() >= nextReport) {
                say("  legacy changes %6d | new changes %4d | captured %6d | applied %6d | conflicts %d | consumer lag %4d | e2e lag %s",
                        writers.customers().changes() + writers.legacyProducts().changes(), writers.newProducts().changes(),
                        metrics.events(MetricNames.OUTCOME_CAPTURED), metrics.events(MetricNames.OUTCOME_APPLIED),
                        service.conflicts().list(false, null).size(), metrics.consumerLag(), metrics.lagSummary());
                nextReport += 2_000_000_000L;
            }
            long pause = tickEnd - System.nanoTime();
            if (pause > 0) {
                Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
            }
        }
        say("Wrote cust_mstr: %s; prod_mstr: %s; products: %s.", writers.customers().describe(),
                writers.legacyProducts().describe(), writers.newProducts().describe());
        return staged;
    }

    /**
     * Waits until the legacy applier, which decides the conflicts of two-way tables, has recorded
     * the conflict on {@code code}; returns what was recorded by the deadline, possibly nothing.
     */
    private static List<Map<String, Object>> awaitConflicts(BridgeService service, String code) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Map<String, Object>> found = ConflictReport.ofKey(service.conflicts(), PRODUCTS, code);
        while (found.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            found = ConflictReport.ofKey(service.conflicts(), PRODUCTS, code);
        }
        return found;
    }

    /** Waits until each binding's new table equals its mapped legacy table; true when all do within 60 s. */
    private static boolean awaitSync(SyncCheck check, MetricsView metrics) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        boolean allInSync = true;
        for (String binding : List.of(CUSTOMERS, PRODUCTS)) {
            TableMapping mapping = check.mapping(binding);
            TableComparison.Result result = check.awaitEqual(binding, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (result.inSync()) {
                say("Caught up: %s equals the mapped %s (%s).", mapping.newSchema().table(), mapping.legacySchema().table(),
                        result.describe());
            } else {
                say("NOT in sync after 60 s: %s vs %s: %s (applied %d, dead-lettered %d)", mapping.newSchema().table(),
                        mapping.legacySchema().table(), result.describe(), metrics.events(MetricNames.OUTCOME_APPLIED),
                        metrics.events(MetricNames.OUTCOME_DEAD_LETTERED));
                allInSync = false;
            }
        }
        return allInSync;
    }

    private static void showConflicts(BridgeService service, List<Map<String, Object>> conflicts, SimultaneousUpdate.Written staged,
            Connection legacy, Connection neu) throws Exception {
        if (conflicts.isEmpty()) {
            say("NO conflict was recorded for product %s, though both sides updated it at once.", staged.code());
            return;
        }
        say("Conflict on products (policy newest-wins on updated_at), decided by the legacy applier, which arbitrates"
                + " two-way tables (the new side follows what it decides):");
        ConflictReport.print(service.conflicts(), conflicts, System.out);
        int others = service.conflicts().list(false, PRODUCTS).size() - conflicts.size();
        if (others > 0) {
            say("  (and %d other conflict%s on products: see /conflicts?binding=products)", others, others == 1 ? "" : "s");
        }
        say("Product %s converged, legacy then new:", staged.code());
        print(legacy, "SELECT prod_cd, prod_desc, price_amt, upd_ts FROM prod_mstr WHERE prod_cd = ?", staged.code());
        print(neu, "SELECT code, description, price, updated_at FROM products WHERE code = ?", staged.code());
    }

    private static void showSample(Connection legacy, Connection neu) throws Exception {
        say("A few rows, legacy then new:");
        print(legacy, "SELECT cust_id, cust_nm, stat_cd, crt_epoch, bal_amt FROM cust_mstr ORDER BY cust_id DESC LIMIT 3");
        print(neu, "SELECT id, full_name, status, created_at, balance, source FROM customers ORDER BY id DESC LIMIT 3");
    }

    private static void print(Connection c, String sql, Object... parameters) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
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
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(format, args));
        System.out.flush();
    }
}
