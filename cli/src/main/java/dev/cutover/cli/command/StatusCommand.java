package dev.cutover.cli.command;

import dev.cutover.config.ByteSize;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cutover status}: what a running bridge is doing, from its {@code /status}: its state,
 * whether each capture streams yet and how much log its position retains, and per binding and
 * target system the direction, state, changes captured and applied, dead letters and the latest
 * end-to-end lag. {@code --json} prints the document as the bridge sent it.
 */
@Command(name = "status", description = "Show what a running bridge is doing: state, and per binding its counts and lag.")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    BridgeClient bridge;

    @Option(names = "--json", description = "Print /status as the bridge sends it.")
    boolean json;

    @Override
    public Integer call() {
        try {
            Object doc = bridge.call("GET", "/status", null);
            print(doc, System.out);
            return 0;
        } catch (BridgeClient.Failure e) {
            System.err.println("cutover status: " + e.getMessage());
            return e.exitCode;
        }
    }

    private void print(Object doc, PrintStream out) {
        if (json || !(doc instanceof Map<?, ?> status)) {
            out.println(BridgeClient.pretty(doc));
            return;
        }
        out.printf("bridge %s: %s since %s%s%n", status.get("bridge"), status.get("state"), status.get("startedAt"),
                status.get("failure") == null ? "" : " (failed: " + status.get("failure") + ")");
        if (status.get("captures") instanceof Map<?, ?> captures) {
            captures.forEach((system, each) -> {
                Map<?, ?> c = (Map<?, ?>) each;
                out.printf("capture %s: %s (last heartbeat %s, last change %s, log retained %s)%n", system,
                        Boolean.TRUE.equals(c.get("streaming")) ? "streaming" : "starting", orDash(c.get("lastHeartbeat")),
                        orDash(c.get("lastCapture")), retained(c));
            });
        }
        String format = "%-16s  %-13s  %-6s  %-11s  %9s  %9s  %6s  %9s%n";
        out.printf(format, "BINDING", "DIRECTION", "WRITES", "STATE", "CAPTURED", "APPLIED", "DEAD", "LAG MS");
        for (Object each : status.get("bindings") instanceof List<?> l ? l : List.of()) {
            Map<?, ?> b = (Map<?, ?>) each;
            out.printf(format, b.get("name"), b.get("direction"), orDash(b.get("target")), b.get("state"), orDash(b.get("captured")),
                    orDash(b.get("applied")), orDash(b.get("deadLettered")), orDash(b.get("lastLagMillis")));
        }
        printHeld(out, status.get("bindings"));
        printDrift(out, status.get("bindings"));
        if (status.get("resyncs") instanceof List<?> resyncs && !resyncs.isEmpty()) {
            out.println("resyncs:");
            for (Object each : resyncs) {
                Map<?, ?> r = (Map<?, ?>) each;
                out.printf("  %s  %s  %s  %s rows read%n", r.get("id"), r.get("binding"), r.get("state"), r.get("rowsRead"));
            }
        }
    }

    /** For each binding paused by an operator or failed: since when, why, where its changes wait and how to resume it. */
    private static void printHeld(PrintStream out, Object bindings) {
        for (Object each : bindings instanceof List<?> l ? l : List.of()) {
            Map<?, ?> b = (Map<?, ?>) each;
            if (b.get("failure") instanceof Map<?, ?> failure) {
                out.printf("%s (writes %s) failed since %s: %s; its changes wait %s; %s%n", b.get("name"), b.get("target"),
                        failure.get("since"), failure.get("cause"), failure.get("changesWait"), failure.get("resume"));
            } else if (b.get("pausedBy") != null && String.valueOf(b.get("pausedBy")).contains("operator")) {
                out.printf("%s (writes %s) paused by an operator; its changes wait on %s; cutover resume --binding %s applies them%n",
                        b.get("name"), b.get("target"), b.get("topic"), b.get("name"));
            }
        }
    }

    /** For each binding paused for schema drift: which table, since when, where its changes wait, and each blocking difference with its fix. */
    private static void printDrift(PrintStream out, Object bindings) {
        for (Object each : bindings instanceof List<?> l ? l : List.of()) {
            if (((Map<?, ?>) each).get("drift") instanceof Map<?, ?> drift) {
                out.printf("%s paused for schema drift of %s table %s since %s; its changes wait %s:%n", ((Map<?, ?>) each).get("name"),
                        drift.get("side"), drift.get("table"), drift.get("since"), drift.get("changesWait"));
                for (Object d : drift.get("differences") instanceof List<?> l ? l : List.of()) {
                    Map<?, ?> diff = (Map<?, ?>) d;
                    if (Boolean.FALSE.equals(diff.get("compatible"))) {
                        out.printf("  column %s %s: %s%n", diff.get("column"), diff.get("change"), diff.get("fix"));
                    }
                }
            }
        }
    }

    /** The retained log for people, {@code 1.2 MiB}, with why it may be stale; a dash before the first measurement. */
    private static String retained(Map<?, ?> capture) {
        String size = capture.get("retainedBytes") instanceof Number n ? ByteSize.approximate(n.longValue()) : "-";
        return capture.get("retainedError") == null ? size : size + " (not measured: " + capture.get("retainedError") + ")";
    }

    private static Object orDash(Object value) {
        return value == null ? "-" : value;
    }
}
