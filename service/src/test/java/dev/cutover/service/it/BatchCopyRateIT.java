package dev.cutover.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.service.metrics.MetricNames;
import dev.cutover.service.runtime.BridgeService;
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
 * Measures a full batch copy of {@value #ROWS} rows and prints the rates: the copy (read, map,
 * publish until Kafka acknowledged) and end to end (until the target holds every row). Prints,
 * asserts only that the copy is complete: timings depend on the machine.
 */
class BatchCopyRateIT {

    private static final int ROWS = 100_000;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void fullCopyOfAHundredThousandRows() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_batch_rate", dir)) {
            fixture.legacy.execute(Scenario.DOCS_DDL.formatted("docs_legacy"), "INSERT INTO docs_legacy SELECT g,"
                    + " 'title ' || g, repeat('body ', 10) || g FROM generate_series(1, " + ROWS + ") g");
            fixture.neu.execute(Scenario.DOCS_DDL.formatted("docs_new"));
            fixture.writeConfig("""
                    - name: docs
                      legacy: public.docs_legacy
                      new: public.docs_new
                      direction: legacy-to-new
                      mode: batch
                      batch: { schedule: PT1H }
                    """);
            long start = System.nanoTime();
            BridgeService service = fixture.start();
            await("all rows in the target").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> fixture.newRows("SELECT count(*) AS n FROM docs_new").equals(List.of(Map.of("n", (long) ROWS))));
            double endToEnd = (System.nanoTime() - start) / 1e9;
            Timer copy = service.registry().find(MetricNames.BATCH_RUN_DURATION).timer();
            await("first copy recorded").atMost(Duration.ofMinutes(1)).until(() -> copy.count() >= 1);
            double copySeconds = copy.totalTime(TimeUnit.NANOSECONDS) / 1e9;
            System.out.printf("BATCH RATE: %d rows; copy (read+map+publish, acknowledged) %.2f s = %.0f rows/s;"
                    + " end to end (start to all rows applied, incl. bridge start) %.2f s = %.0f rows/s%n",
                    ROWS, copySeconds, ROWS / copySeconds, endToEnd, ROWS / endToEnd);
            assertThat(fixture.newRows("SELECT count(*) AS n FROM docs_new")).containsExactly(Map.of("n", (long) ROWS));
        }
    }
}
