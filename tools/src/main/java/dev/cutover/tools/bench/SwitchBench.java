package dev.cutover.tools.bench;

import dev.cutover.config.ConfigLoader;
import dev.cutover.runtime.BridgeService;
import dev.cutover.runtime.verify.TableComparison;
import dev.cutover.tools.Directories;
import dev.cutover.tools.lifecycle.DirectionWalk;
import dev.cutover.tools.lifecycle.SupplierTables;
import dev.cutover.tools.lifecycle.SyncCheck;
import dev.cutover.tools.lifecycle.TableWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutover bench switch}: how long a table's direction switches take. A table of
 * {@code --rows} rows is loaded legacy-to-new, then walked to two-way, new-to-legacy, back to
 * legacy-to-new (the rollback) and to none, with the applications writing as the runbook has them
 * (legacy until it hands over, new once it may), and each switch is timed step by step. After
 * each switch the tables are compared through the mapping once the writers stop.
 */
@Command(name = "switch", description = "Time the direction switches of one table (--rows rows) walked through every direction while"
        + " its applications write, step by step.")
final class SwitchBench implements Callable<Integer> {

    private static final String BINDING = SupplierTables.BINDING;
    private static final TableWriter.Table LEGACY = SupplierTables.LEGACY;
    private static final TableWriter.Table NEW = SupplierTables.NEW;
    private static final Duration BUDGET = Duration.ofSeconds(30);
    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(10);

    @Option(names = "--rows", defaultValue = "100000", description = "Rows of the walked table (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--rate", defaultValue = "50", description = "Rounds per second each writing application makes (an insert and"
            + " an update; default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--phase", defaultValue = "PT5S", description = "How long the applications write between two switches"
            + " (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration phase;

    @Option(names = "--postgres", description = "host:port of a PostgreSQL server (user postgres, wal_level=logical) to use instead of"
            + " embedded servers.")
    String postgres;

    @Option(names = "--data-dir", defaultValue = "data/bench-switch", description = "Working directory, wiped at start"
            + " (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        Directories.wipe(dataDir);
        try (BenchDatabases dbs = postgres == null ? BenchDatabases.embedded(dataDir.resolve("postgres"))
                : BenchDatabases.onServer(postgres)) {
            createTables(dbs);
            Path file = dataDir.resolve("cutover.yaml");
            Function<String, String> configWith = direction -> config(dbs, direction);
            Files.writeString(file, configWith.apply("legacy-to-new"));
            long started = System.nanoTime();
            try (BridgeService service = new BridgeService(ConfigLoader.load(file), Clock.systemUTC())) {
                service.start();
                SyncCheck check = SyncCheck.of(ConfigLoader.load(file));
                report("initial load: %,d rows equal on both sides after %.1f s (%s)", rows, seconds(started),
                        awaitEqual(check).describe());
                List<DirectionWalk.Switched> switches = walk(dbs, new DirectionWalk(service, file, configWith, System.out), check);
                summarize(switches);
                return switches.stream().allMatch(s -> s.took().compareTo(BUDGET) < 0) ? 0 : 1;
            }
        }
    }

    /** The walk, with the applications writing as the runbook has them. */
    private List<DirectionWalk.Switched> walk(BenchDatabases dbs, DirectionWalk walk, SyncCheck check) throws Exception {
        List<DirectionWalk.Switched> switches = new ArrayList<>();
        try (TableWriter legacyApp = new TableWriter(dbs.connectLegacy(), LEGACY, "legacy", rate)) {
            Thread.sleep(phase.toMillis()); // the applications' writing time between two switches
            switches.add(timed(walk, "two-way"));
            try (TableWriter newApp = new TableWriter(dbs.connectNew(), NEW, "new", rate)) {
                Thread.sleep(phase.toMillis());
            }
        }
        equal(check, "two-way");
        try (TableWriter newApp = new TableWriter(dbs.connectNew(), NEW, "new", rate)) {
            switches.add(timed(walk, "new-to-legacy"));
            Thread.sleep(phase.toMillis());
        }
        equal(check, "new-to-legacy");
        switches.add(timed(walk, "legacy-to-new"));
        try (TableWriter legacyApp = new TableWriter(dbs.connectLegacy(), LEGACY, "legacy", rate)) {
            Thread.sleep(phase.toMillis());
        }
        equal(check, "legacy-to-new (rollback)");
        switches.add(timed(walk, "none"));
        return switches;
    }

    private DirectionWalk.Switched timed(DirectionWalk walk, String direction) throws Exception {
        report("switch to %s:", direction);
        DirectionWalk.Switched switched = walk.switchTo(direction);
        report("switch to %s took %.2f s", direction, switched.took().toMillis() / 1000.0);
        return switched;
    }

    private void equal(SyncCheck check, String after) throws Exception {
        TableComparison.Result result = awaitEqual(check);
        if (!result.inSync()) {
            throw new IllegalStateException("after the switch to " + after + " the tables differ: " + result.describe());
        }
        report("after %s: equal through the mapping (%s)", after, result.describe());
    }

    private static TableComparison.Result awaitEqual(SyncCheck check) throws Exception {
        return check.awaitEqual(BINDING, SYNC_TIMEOUT);
    }

    private void summarize(List<DirectionWalk.Switched> switches) {
        report("%-15s %9s %9s %9s %10s %12s %9s", "switch to", "drain ms", "verify ms", "keys ms", "restart ms", "streaming ms",
                "total ms");
        for (DirectionWalk.Switched s : switches) {
            report("%-15s %9s %9s %9s %10s %12s %9d", s.direction(), millis(s, "switch-drain"), millis(s, "switch-verify"),
                    millis(s, "switch-keys"), millis(s, "reload-restart"), millis(s, "reload-streaming"), s.took().toMillis());
        }
        boolean within = switches.stream().allMatch(s -> s.took().compareTo(BUDGET) < 0);
        report("every switch of a %,d-row table under %d s: %s", rows, BUDGET.toSeconds(), within ? "yes" : "NO");
    }

    private static String millis(DirectionWalk.Switched s, String step) {
        return s.steps().stream().filter(x -> x.name().equals(step)).map(x -> Long.toString(x.millis())).findFirst().orElse("-");
    }

    private void createTables(BenchDatabases dbs) throws Exception {
        try (Connection legacy = dbs.connectLegacy(); Connection neu = dbs.connectNew()) {
            SupplierTables.create(legacy, neu);
            SupplierTables.seed(legacy, rows);
        }
    }

    /** The bridge's configuration with the walked binding in {@code direction}; every setting but that at its default. */
    private String config(BenchDatabases dbs, String direction) {
        return """
                name: bench_switch
                data-dir: state
                kafka: { bootstrap: embedded, embedded-port: 0 }
                systems:
                  legacy: { kind: postgresql, jdbc-url: "%s", user: postgres }
                  new:    { kind: postgresql, jdbc-url: "%s", user: postgres }
                http: { address: "127.0.0.1:0" }
                bindings:
                %s""".formatted(dbs.legacyUrl(), dbs.newUrl(), SupplierTables.binding(direction));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void report(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
