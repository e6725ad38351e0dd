package dev.cutover.tools;

import dev.cutover.cli.CutoverCli;
import dev.cutover.tools.bench.BenchCommand;
import dev.cutover.tools.demo.DemoCommand;
import picocli.CommandLine;

/**
 * The {@code cutover} command line as {@code ./cutover} runs it from a checkout: the product's
 * commands plus {@code demo} and {@code bench}, which bring their own embedded databases and so
 * stay out of the product jar.
 */
public final class ToolsCli {

    private ToolsCli() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** {@link CutoverCli#commandLine()} with the tools added. */
    public static CommandLine commandLine() {
        return CutoverCli.commandLine().addSubcommand(new DemoCommand()).addSubcommand(new BenchCommand());
    }
}
