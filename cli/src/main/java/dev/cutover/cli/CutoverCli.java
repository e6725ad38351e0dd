package dev.cutover.cli;

import dev.cutover.cli.command.CheckCommand;
import dev.cutover.cli.command.ConflictsCommand;
import dev.cutover.cli.command.DeadLettersCommand;
import dev.cutover.cli.command.PauseCommand;
import dev.cutover.cli.command.HistoryCommand;
import dev.cutover.cli.command.PlanCommand;
import dev.cutover.cli.command.ReloadCommand;
import dev.cutover.cli.command.ResumeCommand;
import dev.cutover.cli.command.ResyncCommand;
import dev.cutover.cli.command.RunCommand;
import dev.cutover.cli.command.SchemasCommand;
import dev.cutover.cli.command.StatusCommand;
import dev.cutover.cli.command.VerifyCommand;
import dev.cutover.runtime.Causes;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code cutover} command line: {@code run}, {@code check}, {@code plan}, {@code verify},
 * {@code status}, {@code reload}, {@code pause}, {@code resume}, {@code conflicts}, {@code deadletters}, {@code history},
 * {@code resync}, {@code schemas}. Exit
 * codes are {@link ExitCodes}'.
 */
@Command(name = "cutover", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "cutover 0.1.0",
        description = "Keeps a legacy database and its rewrite's database in sync, table by table.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done, nothing wrong found", "1:verify found drift, check found problems",
                "2:the command line, configuration or databases are not as configured",
                "3:the command or the bridge failed, or the bridge could not be reached"},
        subcommands = {RunCommand.class, CheckCommand.class, PlanCommand.class, VerifyCommand.class, StatusCommand.class,
                ReloadCommand.class, PauseCommand.class, ResumeCommand.class, ConflictsCommand.class, DeadLettersCommand.class, HistoryCommand.class,
                ResyncCommand.class, SchemasCommand.class,
                CommandLine.HelpCommand.class})
public final class CutoverCli implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line as {@link #main} runs it: every command and subcommand answers
     * {@code -h/--help}, and an exception a command did not handle ends with one line on standard
     * error naming its cause (the stack trace goes to the log, at debug) and {@link ExitCodes#FAILED}.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new CutoverCli()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            LoggerFactory.getLogger(CutoverCli.class).debug("{} failed", cmd.getCommandName(), e);
            System.err.println("cutover " + cmd.getCommandName() + ": " + Causes.oneLine(e));
            return ExitCodes.FAILED;
        });
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
