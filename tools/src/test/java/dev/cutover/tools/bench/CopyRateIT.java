package dev.cutover.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.runtime.metrics.MetricNames;
import dev.cutover.cli.it.BridgeFixture;
import dev.cutover.cli.it.Scenario;
import dev.cutover.runtime.BridgeService;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures how fast existing rows reach the target: a full batch copy of {@value #ROWS} rows, and
 * the initial load of a streamed binding over the same rows. Prints the rates and asserts only that
 * every row arrived: timings depend on the machine.
 */
class CopyRateIT {

    private static final int ROWS = 100_000;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void fullBatchCopyOfAHundredThousandRows() throws Exception {
        try (BridgeFixture fixture = docs("it_batch_rate", dir.resolve("batch"))) {
            fixture.writeConfig(BINDING + "  mode: batch\n  batch: { schedule: PT1H }\n");
            long start = System.nanoTime();
            BridgeService service = fixture.start();
            double endToEnd = awaitAllRows(fixture, start);
            Timer copy = service.registry().find(MetricNames.BATCH_RUN_DURATION).timer();
            await("first copy recorded").atMost(Duration.ofMinutes(1)).until(() -> copy.count() >= 1);
            double copySeconds = copy.totalTime(TimeUnit.NANOSECONDS) / 1e9;
            System.out.printf("BATCH RATE: %d rows; copy (read+map+publish, acknowledged) %.2f s = %.0f rows/s;"
                    + " end to end (start to all rows applied, incl. bridge start) %.2f s = %.0f rows/s%n",
                    ROWS, copySeconds, ROWS / copySeconds, endToEnd, ROWS / endToEnd);
        }
    }

    @Test
    void initialLoadOfAHundredThousandRows() throws Exception {
        try (BridgeFixture fixture = docs("it_load_rate", dir.resolve("load"))) {
            fixture.writeConfig(BINDING);
            long start = System.nanoTime();
            fixture.start();
            double endToEnd = awaitAllRows(fixture, start);
            System.out.printf("INITIAL LOAD RATE: %d rows; end to end (start to all rows applied, incl. bridge start) %.2f s"
                    + " = %.0f rows/s%n", ROWS, endToEnd, ROWS / endToEnd);
        }
    }

    private static final String BINDING = """
            - name: docs
              legacy: public.docs_legacy
              new: public.docs_new
              direction: legacy-to-new
            """;

    private static BridgeFixture docs(String name, Path dir) {
        BridgeFixture fixture = new BridgeFixture(name, dir);
        fixture.legacy.execute(Scenario.DOCS_DDL.formatted("docs_legacy"), "INSERT INTO docs_legacy SELECT g,"
                + " 'title ' || g, repeat('body ', 10) || g FROM generate_series(1, " + ROWS + ") g");
        fixture.neu.execute(Scenario.DOCS_DDL.formatted("docs_new"));
        return fixture;
    }

    /** Waits until the target holds every row; returns the seconds since {@code start}. */
    private static double awaitAllRows(BridgeFixture fixture, long start) {
        await("all rows in the target").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> fixture.newRows("SELECT count(*) AS n FROM docs_new").equals(List.of(Map.of("n", (long) ROWS))));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(fixture.newRows("SELECT count(*) AS n FROM docs_new")).containsExactly(Map.of("n", (long) ROWS));
        return seconds;
    }
}
