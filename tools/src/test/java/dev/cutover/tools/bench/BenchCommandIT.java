package dev.cutover.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.tools.testing.ToolsRun;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover bench} in a short run against the machine's PostgreSQL, as a user runs it: every
 * phase reports, the ceilings and the load's reference included. Figures depend on the machine;
 * only that each phase ran and finished is asserted.
 */
class BenchCommandIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aShortBenchReportsEveryPhaseWithTheLimitsOfItsRun() throws Exception {
        ToolsRun bench = ToolsRun.of(dir.resolve("bench.out"), "512m", TIMEOUT, "bench", "--postgres", "127.0.0.1:5432",
                "--rounds", "1", "--inserts", "2000", "--updates", "1000", "--deletes", "500", "--steady-duration", "PT0S",
                "--load-rows", "20000", "--load-from-mariadb", "127.0.0.1:3306", "--data-dir", dir.resolve("bench").toString());
        String output = bench.output();
        output.lines().filter(l -> l.startsWith("bench:")).forEach(System.out::println);
        assertThat(bench.ended()).as("the bench ended within %s", TIMEOUT).isTrue();
        assertThat(bench.exitCode()).as("exit code; output:\n%s", output).isZero();
        assertThat(output).containsPattern("ceiling: 3500 changes applied straight over JDBC at [\\d,]+ rows/s")
                .containsPattern("decode ceiling: one slot \\(pgoutput\\) hands over [\\d,]+ changes/s; database-bound limit")
                .containsPattern("end to end: 3500 changes in [\\d.]+ s = [\\d,]+ events/s \\(\\d+% of the JDBC ceiling, \\d+% of the"
                        + " database-bound limit\\)")
                .containsPattern("pg_dump \\| psql copied them into a table of the same shape on the new server in [\\d.]+ s")
                .containsPattern("cutover loaded them in [\\d.]+ s = [\\d,]+ rows/s from its start")
                .containsPattern("load from MariaDB: mariadb --batch \\| psql copied them into a table of the same shape on the new server"
                        + " in [\\d.]+ s")
                .containsPattern("load from MariaDB: cutover loaded them in [\\d.]+ s = [\\d,]+ rows/s from its start");
    }
}
