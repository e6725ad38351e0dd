package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Walks a command tree and checks that every command and subcommand answers {@code -h} and {@code --help}. */
public final class HelpWalk {

    private HelpWalk() {
    }

    /**
     * Runs every command path of a fresh command line with {@code -h} and with {@code --help}, and
     * checks each prints its usage and exits 0, even when it has required options.
     *
     * @return the command paths walked, {@code []} being the top command
     */
    public static List<List<String>> assertEveryCommandAnswersHelp(Supplier<CommandLine> commandLine) {
        List<List<String>> paths = new ArrayList<>();
        collect(commandLine.get(), new ArrayList<>(), paths);
        for (List<String> path : paths) {
            for (String flag : List.of("-h", "--help")) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                CommandLine cli = commandLine.get();
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                cli.setOut(new PrintWriter(out, true));
                cli.setErr(new PrintWriter(err, true));
                int code = cli.execute(args.toArray(String[]::new));
                String name = path.isEmpty() ? "cutover" : path.get(path.size() - 1);
                assertThat(code).as("exit code of cutover %s; stderr: %s", args, err).isZero();
                assertThat(out.toString()).as("usage of cutover %s", args).startsWith("Usage: ").contains(name);
            }
        }
        return paths;
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            if (sub.getValue().getCommandSpec().name().equals(sub.getKey()) && !sub.getKey().equals("help")) {
                List<String> next = new ArrayList<>(path);
                next.add(sub.getKey());
                collect(sub.getValue(), next, into);
            }
        }
    }
}
