package dev.cutover.cli.command;

import dev.cutover.cli.ExitCodes;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cutover conflicts list|show|resolve}: the conflicts of a running bridge's two-way
 * bindings, through its HTTP endpoint ({@code /conflicts}).
 */
@Command(name = "conflicts", description = "List, show and resolve the conflicts of a running bridge's two-way bindings.",
        subcommands = {ConflictsCommand.ListConflicts.class, ConflictsCommand.ShowConflict.class,
                ConflictsCommand.ResolveConflict.class})
public final class ConflictsCommand implements Runnable {

    private static final Map<String, String> COLUMNS = BridgeAction.columns("ID", "id", "BINDING", "binding", "SYSTEM", "target",
            "KIND", "kind", "KEY", "key", "POLICY", "policy", "DECISION", "decision", "DETECTED", "detectedAt");

    @Override
    public void run() {
        System.err.println("cutover conflicts: name an action: list, show <id> or resolve <id>");
    }

    /** An action of {@code cutover conflicts}. */
    abstract static class Action extends BridgeAction {
        @Override
        String command() {
            return "conflicts";
        }
    }

    @Command(name = "list", description = "List conflicts, newest first: id, binding, system written, kind, key, policy, decision.")
    static final class ListConflicts extends Action {
        @Option(names = "--open", description = "Only conflicts waiting for a person.")
        boolean open;

        @Option(names = "--binding", description = "Only this binding's conflicts.")
        String binding;

        @Override
        void run(PrintStream out) throws BridgeClient.Failure {
            List<?> rows = list("/conflicts", open, binding);
            if (rows.isEmpty()) {
                out.println(open ? "No conflicts wait for a person." : "No conflicts.");
                return;
            }
            printTable(out, "%-16s  %-14s  %-6s  %-14s  %-24s  %-11s  %-16s  %s%n", COLUMNS, rows);
        }
    }

    @Command(name = "show", description = "Show one conflict: both images, the target's row, the decision and why, held changes.")
    static final class ShowConflict extends Action {
        @Parameters(index = "0", paramLabel = "ID", description = "The conflict's id, as `list` shows it.")
        String id;

        @Override
        void run(PrintStream out) throws BridgeClient.Failure {
            out.println(BridgeClient.pretty(target.call("GET", "/conflicts/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null)));
        }
    }

    @Command(name = "resolve", description = "Resolve a conflict waiting for a person: choose a system's version or supply the row; "
            + "both systems end with it, and the changes that waited behind the conflict are applied.")
    static final class ResolveConflict extends Action {
        @Parameters(index = "0", paramLabel = "ID", description = "The conflict's id, as `list` shows it.")
        String id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Choice choice;

        static final class Choice {
            @Option(names = "--use", paramLabel = "SYSTEM", description = "legacy or new: that system's version wins.")
            String use;

            @Option(names = "--row", paramLabel = "JSON", description = "The row both systems get, as a JSON object in the new system's column names.")
            String row;
        }

        @Override
        void run(PrintStream out) throws BridgeClient.Failure {
            Map<String, Object> body = new LinkedHashMap<>();
            if (choice.use != null) {
                body.put("use", choice.use);
            } else {
                try {
                    body.put("row", BridgeClient.JSON.readValue(choice.row, new TypeReference<Map<String, Object>>() { }));
                } catch (IOException e) {
                    throw new BridgeClient.Failure("--row is not a JSON object: " + e.getMessage(), ExitCodes.BAD_CONFIG);
                }
            }
            out.println(BridgeClient.pretty(target.call("POST", "/conflicts/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/resolve", body)));
        }
    }
}
