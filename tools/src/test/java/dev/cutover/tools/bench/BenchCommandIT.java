package dev.cutover.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
        Path jar = Path.of("target", "cutover-tools.jar").toAbsolutePath();
        assertThat(jar).as("the packaged CLI").exists();
        Path log = dir.resolve("bench.out");
        Process bench = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar",
                jar.toString(), "bench", "--postgres", "127.0.0.1:5432", "--rounds", "1", "--inserts", "2000", "--updates", "1000",
                "--deletes", "500", "--steady-duration", "PT0S", "--load-rows", "20000", "--data-dir", dir.resolve("bench").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = bench.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            bench.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output.lines().filter(l -> l.startsWith("bench:")).reduce("", (a, b) -> a + b + "\n"));
        assertThat(ended).as("the bench ended within %s", TIMEOUT).isTrue();
        assertThat(bench.exitValue()).as("exit code; output:\n%s", output).isZero();
        assertThat(output).containsPattern("ceiling: 3500 changes applied straight over JDBC at [\\d,]+ rows/s")
                .containsPattern("decode ceiling: one slot \\(pgoutput\\) hands over [\\d,]+ changes/s; database-bound limit")
                .containsPattern("end to end: 3500 changes in [\\d.]+ s = [\\d,]+ events/s \\(\\d+% of the JDBC ceiling, \\d+% of the"
                        + " database-bound limit\\)")
                .containsPattern("pg_dump \\| psql copied them into a table of the same shape on the new server in [\\d.]+ s")
                .containsPattern("cutover loaded them in [\\d.]+ s = [\\d,]+ rows/s from its start");
    }
}
