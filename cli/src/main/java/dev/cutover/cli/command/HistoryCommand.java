package dev.cutover.cli.command;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutover history [--binding B]}: the lifecycle history of a running bridge, oldest first,
 * through its HTTP endpoint ({@code /history}), one line per entry:
 * {@code <time>  <binding or ->  <event>  <outcome>  <message>}.
 */
@Command(name = "history", description = "Show the lifecycle history of a running bridge and its bindings, oldest first: "
        + "time, binding (- for the bridge), event, outcome, message.")
public final class HistoryCommand extends BridgeAction {

    private static final String LINE = "%s  %-16s  %-16s  %-7s  %s%n";

    @Option(names = "--binding", description = "Only this binding's entries (those of the bridge as a whole left out).")
    String binding;

    @Override
    String command() {
        return "history";
    }

    @Override
    void run(PrintStream out) throws BridgeClient.Failure {
        String path = "/history" + (binding == null ? "" : "?binding=" + URLEncoder.encode(binding, StandardCharsets.UTF_8));
        List<?> entries = (List<?>) target.call("GET", path, null);
        if (entries.isEmpty()) {
            out.println(binding == null ? "No history yet." : "No history of binding '" + binding + "' yet.");
            return;
        }
        for (Object each : entries) {
            Map<?, ?> entry = (Map<?, ?>) each;
            out.printf(LINE, entry.get("time"), entry.get("binding") == null ? "-" : entry.get("binding"), entry.get("event"),
                    entry.get("outcome"), entry.get("message"));
        }
    }
}
