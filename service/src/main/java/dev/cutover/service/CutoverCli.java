package dev.cutover.service;

import dev.cutover.service.bench.BenchCommand;
import dev.cutover.service.command.CheckCommand;
import dev.cutover.service.command.ConflictsCommand;
import dev.cutover.service.command.PlanCommand;
import dev.cutover.service.command.ResyncCommand;
import dev.cutover.service.command.RunCommand;
import dev.cutover.service.command.SchemasCommand;
import dev.cutover.service.command.StatusCommand;
import dev.cutover.service.command.VerifyCommand;
import dev.cutover.service.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cutover} command line: {@code run}, {@code check}, {@code plan}, {@code verify},
 * {@code status}, {@code conflicts}, {@code resync}, {@code demo}, {@code schemas}, {@code bench}.
 */
@Command(name = "cutover", mixinStandardHelpOptions = true, version = "cutover 0.1.0",
        description = "Keeps a legacy database and its rewrite's database in sync, table by table.",
        subcommands = {RunCommand.class, CheckCommand.class, PlanCommand.class, VerifyCommand.class, StatusCommand.class, ConflictsCommand.class,
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
        System.exit(new CommandLine(new CutoverCli()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
