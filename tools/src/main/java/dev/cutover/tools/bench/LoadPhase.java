package dev.cutover.tools.bench;

import static dev.cutover.tools.bench.BenchCommand.report;
import static dev.cutover.tools.bench.BenchCommand.seconds;

import dev.cutover.runtime.BridgeService;
import dev.cutover.runtime.metrics.MetricNames;
import dev.cutover.runtime.metrics.MetricsView;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The initial-load phase of {@code cutover bench --load-rows N}: a legacy table of N rows copied
 * by {@code pg_dump | psql} into a table of the same shape on the new server (the reference a
 * plain dump and restore sets), then loaded by a fresh bridge, timed from its start until the new
 * table holds every row, as a user waits for it.
 */
final class LoadPhase {

    /** Starts a fresh bridge of the bench's binding under a name of its own. */
    @FunctionalInterface
    interface Starter {
        BridgeService start(String name) throws Exception;
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private LoadPhase() {
    }

    static void run(BenchDatabases dbs, int rows, Starter starter) throws Exception {
        long start = System.nanoTime();
        try (Connection legacy = dbs.connectLegacy(); Statement s = legacy.createStatement()) {
            s.execute("INSERT INTO ord_hdr SELECT g, g % 5000, ((g * 41) % 1000000) / 100.0, 'N',"
                    + " timestamp '2020-01-01' + g * interval '1 second', 'order ' || g FROM generate_series(0, " + (rows - 1) + ") g");
            // a legacy table that has existed a while is vacuumed: neither timed copy shares the cores with autovacuum
            s.execute("VACUUM (ANALYZE) ord_hdr");
        }
        report("load: %,d legacy rows written in %.1f s", rows, seconds(start));
        checkpoint(dbs);
        double dump = dumpRestore(dbs, rows);
        if (dump > 0) {
            report("load: pg_dump | psql copied them into a table of the same shape on the new server in %.2f s = %,.0f rows/s",
                    rows / dump, dump);
        }
        checkpoint(dbs);
        start = System.nanoTime();
        try (BridgeService service = starter.start("bench_load"); Connection neu = dbs.connectNew()) {
            double started = seconds(start);
            awaitRows(neu, rows, service);
            double seconds = seconds(start);
            report("load: cutover loaded them in %.2f s = %,.0f rows/s from its start (started in %.2f s)%s", seconds,
                    rows / seconds, started, dump > 0 ? String.format(Locale.ROOT, "; %.0f%% of pg_dump | psql", 100 * rows / seconds / dump) : "");
        }
    }

    /** Writes the server's dirty pages out, so each timed copy starts with none of the other's writing left to do. */
    static void checkpoint(BenchDatabases dbs) throws SQLException {
        try (Connection neu = dbs.connectNew(); Statement s = neu.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    /** Rows per second of {@code pg_dump --data-only | psql} from the legacy table into a copy of it; 0 when the tools are missing. */
    private static double dumpRestore(BenchDatabases dbs, int rows) throws Exception {
        return pipedCopy(dbs, rows, "pg_dump | psql", "pg_dump --data-only -t public.ord_hdr " + libpq(dbs.legacyUrl())
                + " | psql -q -v ON_ERROR_STOP=1 " + libpq(dbs.newUrl()));
    }

    /**
     * Rows per second of {@code pipeline} (a bash pipeline, {@code what} for messages) filling a table
     * {@code ord_hdr} of the legacy shape that it gets on the new server, dropped afterwards; 0 when
     * the pipeline does not run (its client tools are missing).
     *
     * @throws IllegalStateException when it ran but did not copy every row
     */
    static double pipedCopy(BenchDatabases dbs, int rows, String what, String pipeline) throws Exception {
        try (Connection neu = dbs.connectNew(); Statement s = neu.createStatement()) {
            s.execute(BenchWorkload.LEGACY_DDL);
            try {
                long start = System.nanoTime();
                Process p = new ProcessBuilder("bash", "-c", "set -o pipefail; " + pipeline).redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(TIMEOUT.toMinutes(), TimeUnit.MINUTES) || p.exitValue() != 0) {
                    report("load: %s did not run (%s); no reference figure", what, output.strip());
                    return 0;
                }
                double seconds = seconds(start);
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM ord_hdr")) {
                    rs.next();
                    if (rs.getLong(1) != rows) {
                        throw new IllegalStateException(what + " copied " + rs.getLong(1) + " of " + rows + " rows");
                    }
                }
                return rows / seconds;
            } finally {
                s.execute("DROP TABLE ord_hdr");
            }
        }
    }

    /** {@code -h host -p port -U postgres database} of a {@code jdbc:postgresql://host:port/database} URL. */
    static String libpq(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return String.join(" ", List.of("-h", uri.getHost(), "-p", Integer.toString(uri.getPort()), "-U", "postgres",
                uri.getPath().substring(1)));
    }

    /**
     * Waits until the bridge counts every row applied, then until the new table holds them: a
     * {@code count(*)} of a growing table costs the servers a share of the two cores, so it runs
     * only once the bridge says the rows are in.
     */
    static void awaitRows(Connection neu, long rows, BridgeService service) throws SQLException, InterruptedException, IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        MetricsView metrics = new MetricsView(service.registry());
        try (Statement s = neu.createStatement()) {
            while (System.nanoTime() < deadline) {
                if (service.failure() != null) {
                    throw new IllegalStateException("bridge failed during the load", service.failure());
                }
                if (metrics.events(MetricNames.OUTCOME_APPLIED) < rows) {
                    Thread.sleep(10);
                    continue;
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM orders")) {
                    rs.next();
                    if (rs.getLong(1) == rows) {
                        return;
                    }
                }
                Thread.sleep(200); // counted as applied but not all visible yet (a chunk applied twice): look again
            }
        }
        throw new IllegalStateException("the new table did not hold " + rows + " rows within " + TIMEOUT);
    }
}
