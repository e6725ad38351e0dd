package dev.cutover.cli.command;

import dev.cutover.cli.ExitCodes;
import dev.cutover.config.BridgeConfig;
import dev.cutover.cli.check.CheckContext;
import dev.cutover.cli.check.Finding;
import dev.cutover.cli.check.Preflight;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutover check --config F}: the preflight. Reports everything that would make
 * {@code cutover run} fail, one line per finding, each problem with its fix, and changes nothing.
 * Warnings (with their fixes) are printed and counted but never change the exit code.
 */
@Command(name = "check", description = {"Check that the databases, Kafka and this machine are set up as `run` needs, changing nothing:"
        + " one line per finding, each warning and problem with its fix.",
        "Exit code 0 when all is fine (warnings or not), 1 when anything is wrong, 2 when the configuration file is invalid,"
                + " 3 when the check itself failed."})
public final class CheckCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, description = "The bridge's YAML configuration file.")
    Path config;

    @Override
    public Integer call() throws Exception {
        BridgeConfig bridge = ConfigFile.loadOrReport(config, System.err::println);
        if (bridge == null) {
            return ExitCodes.BAD_CONFIG;
        }
        PrintStream out = System.out;
        out.println("Checking bridge '" + bridge.name() + "' (" + config + ")");
        List<Finding> findings = Preflight.standard().run(new CheckContext(bridge));
        findings.forEach(f -> out.println(f.line()));
        long problems = findings.stream().filter(Finding::isProblem).count();
        long warnings = findings.stream().filter(Finding::isWarning).count();
        long ok = findings.size() - problems - warnings;
        String warned = warnings == 0 ? "" : ", " + warnings + " warning" + (warnings == 1 ? "" : "s");
        if (problems == 0) {
            out.println("All " + ok + " checks passed" + warned + ": bridge '" + bridge.name() + "' is ready for `cutover run`.");
            return ExitCodes.OK;
        }
        out.println(problems + " problem" + (problems == 1 ? "" : "s") + " (" + ok + " checks passed" + warned + "): fix "
                + (problems == 1 ? "it" : "them") + " before `cutover run`.");
        return ExitCodes.FINDINGS;
    }
}
