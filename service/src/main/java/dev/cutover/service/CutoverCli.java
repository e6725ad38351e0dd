package dev.cutover.service;

import dev.cutover.service.bench.BenchCommand;
import dev.cutover.service.command.CheckCommand;
import dev.cutover.service.command.ConflictsCommand;
import dev.cutover.service.command.DeadLettersCommand;
import dev.cutover.service.command.PlanCommand;
import dev.cutover.service.command.ResyncCommand;
import dev.cutover.service.command.RunCommand;
import dev.cutover.service.command.SchemasCommand;
import dev.cutover.service.command.StatusCommand;
import dev.cutover.service.command.VerifyCommand;
import dev.cutover.service.demo.DemoCommand;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code cutover} command line: {@code run}, {@code check}, {@code plan}, {@code verify},
 * {@code status}, {@code conflicts}, {@code deadletters}, {@code resync}, {@code demo}, {@code schemas}, {@code bench}.
 */
@Command(name = "cutover", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "cutover 0.1.0",
        description = "Keeps a legacy database and its rewrite's database in sync, table by table.",
        subcommands = {RunCommand.class, CheckCommand.class, PlanCommand.class, VerifyCommand.class, StatusCommand.class, ConflictsCommand.class,
                DeadLettersCommand.class,
                ResyncCommand.class,
                DemoCommand.class, SchemasCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class CutoverCli implements Runnable {

    /** Exit code: the configuration or the databases are not as the configuration says. */
    public static final int EXIT_BAD_CONFIG = 2;
    /** Exit code: the service failed while running. */
    public static final int EXIT_FAILED = 1;
    /** Exit code of {@code verify}: a compared binding's tables differ. */
    public static final int EXIT_DRIFT = 1;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line as {@link #main} runs it: every command and subcommand answers
     * {@code -h/--help}, and an exception a command did not handle ends with one line on standard
     * error naming its cause (the stack trace goes to the log, at debug) and {@link #EXIT_FAILED}.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new CutoverCli()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            LoggerFactory.getLogger(CutoverCli.class).debug("{} failed", cmd.getCommandName(), e);
            System.err.println("cutover " + cmd.getCommandName() + ": " + Causes.oneLine(e));
            return EXIT_FAILED;
        });
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
