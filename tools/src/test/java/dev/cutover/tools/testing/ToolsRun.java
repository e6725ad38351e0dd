package dev.cutover.tools.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code cutover-tools.jar} run in a JVM of its own, as {@code ./cutover} runs it,
 * its output kept in a file.
 *
 * @param ended whether it ended within the time it was given
 * @param exitCode its exit code; -1 when it did not end
 * @param output standard output and error together
 */
public record ToolsRun(boolean ended, int exitCode, String output) {

    /** Runs {@code java -Xmx<heap> -jar target/cutover-tools.jar args...} for at most {@code timeout}, its output in {@code log}. */
    public static ToolsRun of(Path log, String heap, Duration timeout, String... args) throws IOException, InterruptedException {
        Path jar = Path.of("target", "cutover-tools.jar").toAbsolutePath();
        assertThat(jar).as("the packaged CLI").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        return new ToolsRun(ended, ended ? process.exitValue() : -1, Files.readString(log, StandardCharsets.UTF_8));
    }
}
