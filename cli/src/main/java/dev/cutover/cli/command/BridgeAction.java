package dev.cutover.cli.command;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A subcommand that talks to the running bridge through a {@link BridgeClient}: runs, prints a
 * failure to stderr prefixed with its command's name, and turns it into the exit code.
 */
abstract class BridgeAction implements Callable<Integer> {

    @Mixin
    BridgeClient target;

    @Override
    public Integer call() {
        try {
            run(System.out);
            return 0;
        } catch (BridgeClient.Failure e) {
            System.err.println("cutover " + command() + ": " + e.getMessage());
            return e.exitCode;
        }
    }

    /** The command's name for messages, e.g. {@code conflicts}. */
    abstract String command();

    abstract void run(PrintStream out) throws BridgeClient.Failure;

    /** {@code GET <resource>?open=…[&binding=…]}: a list the bridge serves (conflicts, dead letters). */
    List<?> list(String resource, boolean open, String binding) throws BridgeClient.Failure {
        String path = resource + "?open=" + open + (binding == null ? "" : "&binding=" + URLEncoder.encode(binding, StandardCharsets.UTF_8));
        return (List<?>) target.call("GET", path, null);
    }

    /**
     * Prints {@code rows} (JSON objects) as a table: {@code format} with one %s per column, a header
     * line of the column names, then each row's values of {@code columns} (header → field).
     */
    static void printTable(PrintStream out, String format, Map<String, String> columns, List<?> rows) {
        out.printf(format, columns.keySet().toArray());
        for (Object row : rows) {
            Map<?, ?> fields = (Map<?, ?>) row;
            out.printf(format, columns.values().stream().map(fields::get).toArray());
        }
    }

    /** Table columns in order, from pairs of header and field name. */
    static Map<String, String> columns(String... headerAndField) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < headerAndField.length; i += 2) {
            columns.put(headerAndField[i], headerAndField[i + 1]);
        }
        return columns;
    }
}
