package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The packaged {@code cutover} CLI run in a JVM of its own, as a person runs it. */
final class ServiceProcess {

    private ServiceProcess() {
    }

    /**
     * Runs {@code java -jar target/cutover.jar args...}, writing standard output and error (the log
     * included) to {@code <logName>.log} beside {@code config}.
     */
    static Process launch(Path config, String logName, String... args) throws IOException {
        Path jar = Path.of("target", "cutover.jar").toAbsolutePath();
        assertThat(jar).as("the packaged product jar (built in the package phase)").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log(config, logName).toFile()).start();
    }

    /** Runs {@code cutover run --config <config>}. */
    static Process run(Path config, String logName) throws IOException {
        return launch(config, logName, "run", "--config", config.toString());
    }

    /** Where {@link #launch} writes a process's output. */
    static Path log(Path config, String logName) {
        return config.resolveSibling(logName + ".log");
    }
}
