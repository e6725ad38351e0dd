package dev.cutover.cli.it;

import dev.cutover.cli.CutoverCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * One in-process run of the {@code cutover} command line with its exit code and what it printed.
 *
 * @param code the exit code
 * @param out what went to standard output
 * @param err what went to standard error (the log goes elsewhere: logback holds the original stream)
 */
record CliRun(int code, String out, String err) {

    /** Runs {@code cutover args...}, capturing standard output and error. Not thread-safe: it swaps the JVM's streams. */
    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previousOut = System.out;
        PrintStream previousErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = CutoverCli.commandLine().execute(args);
        } finally {
            System.setOut(previousOut);
            System.setErr(previousErr);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Everything printed, for failure messages. */
    String printed() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
