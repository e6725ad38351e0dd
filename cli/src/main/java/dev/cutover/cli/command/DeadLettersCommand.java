package dev.cutover.cli.command;

import dev.cutover.cli.ExitCodes;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cutover deadletters list|show|replay|discard}: the dead letters of a running bridge, and
 * the changes held behind them, through its HTTP endpoint ({@code /deadletters}).
 */
@Command(name = "deadletters", description = "List, show, replay and discard the dead letters of a running bridge.",
        subcommands = {DeadLettersCommand.ListDeadLetters.class, DeadLettersCommand.ShowDeadLetter.class,
                DeadLettersCommand.ReplayDeadLetters.class, DeadLettersCommand.DiscardDeadLetter.class})
public final class DeadLettersCommand implements Runnable {

    private static final String PATH = "/deadletters";
    private static final Map<String, String> COLUMNS = BridgeAction.columns("ID", "id", "BINDING", "binding", "STAGE", "stage", "KEY", "key",
            "STATUS", "status", "HELD", "held", "PARKED", "parkedAt", "REASON", "reason");

    @Override
    public void run() {
        System.err.println("cutover deadletters: name an action: list, show <id>, replay <id>, replay --binding B or discard <id>");
    }

    /** An action of {@code cutover deadletters}. */
    abstract static class Action extends BridgeAction {
        @Option(names = "--json", description = "Print the bridge's JSON answer as it is.")
        boolean json;

        @Override
        String command() {
            return "deadletters";
        }

        static String path(String id) {
            return PATH + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        }
    }

    @Command(name = "list", description = "List dead letters, oldest first: id, binding, stage, key, status, held changes, time, reason.")
    static final class ListDeadLetters extends Action {
        @Option(names = "--open", description = "Only dead letters that still need a person (open, or with changes held behind them).")
        boolean open;

        @Option(names = "--binding", description = "Only this binding's dead letters.")
        String binding;

        @Override
        void run(PrintStream out) throws BridgeClient.Failure {
            List<?> rows = list(PATH, open, binding);
            if (json) {
                out.println(BridgeClient.pretty(rows));
                return;
            }
            if (rows.isEmpty()) {
                out.println(open ? "No dead letters need a person." : "No dead letters.");
                return;
            }
            printTable(out, "%-15s  %-14s  %-7s  %-24s  %-9s  %4s  %-24s  %s%n", COLUMNS, rows);
        }
    }

    @Command(name = "show", description = "Show one dead letter: its change, why it was parked, and the changes held behind it.")
    static final class ShowDeadLetter extends Action {
        @Parameters(index = "0", paramLabel = "ID", description = "The dead letter's id, as `list` shows it.")
        String id;

        @Override
        void run(PrintStream out) throws BridgeClient.Failure {
            Map<?, ?> d = (Map<?, ?>) target.call("GET", path(id), null);
            if (json) {
                out.println(BridgeClient.pretty(d));
                return;
            }
            out.printf("Dead letter %s of binding %s (%s)%n", d.get("id"), d.get("binding"), d.get("status"));
            out.printf("  stage:   %s%n  table:   %s%n  key:     %s%n  parked:  %s%n  reason:  %s%n", d.get("stage"), d.get("table"),
                    d.get("key"), d.get("parkedAt"), d.get("reason"));
            out.printf("  change:  %s%n", d.get("change") == null ? "(not stored: it cannot be replayed)" : BridgeClient.pretty(d.get("change")));
            List<?> held = (List<?>) d.get("heldChanges");
            out.printf("  held:    %d change(s) wait behind it%n", held.size());
            for (Object h : held) {
                Map<?, ?> c = (Map<?, ?>) h;
                out.printf("    #%s %s %s key %s at %s%n", c.get("sequence"), c.get("operation"), c.get("table"), c.get("key"),
                        c.get("position"));
            }
        }
    }

    @Command(name = "replay", description = "Apply a dead letter's change again (after the target or the mapping was fixed), then the "
            + "changes held behind it, in order; with --binding every dead letter of that binding, oldest first.")
    static final class ReplayDeadLetters extends Action {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The dead letter's id, as `list` shows it.")
        String id;

        @Option(names = "--binding", description = "Replay every dead letter of this binding instead of one.")
        String binding;

        @Override
        void run(PrintStream out) throws BridgeClient.Failure {
            if ((id == null) == (binding == null)) {
                throw new BridgeClient.Failure("give either a dead letter's ID or --binding, not " + (id == null ? "neither" : "both"),
                        ExitCodes.BAD_CONFIG);
            }
            Object done = id != null ? target.call("POST", path(id) + "/replay", null)
                    : target.call("POST", PATH + "/replay", Map.of("binding", binding));
            out.println(BridgeClient.pretty(done));
        }
    }

    @Command(name = "discard", description = "Close a dead letter without applying its change (it stays recorded); the changes held "
            + "behind it are applied in order.")
    static final class DiscardDeadLetter extends Action {
        @Parameters(index = "0", paramLabel = "ID", description = "The dead letter's id, as `list` shows it.")
        String id;

        @Override
        void run(PrintStream out) throws BridgeClient.Failure {
            out.println(BridgeClient.pretty(target.call("POST", path(id) + "/discard", null)));
        }
    }
}
