package dev.cutover.cli.command;

import dev.cutover.cli.ExitCodes;
import dev.cutover.config.BridgeConfig;
import dev.cutover.config.DatabaseKind;
import dev.cutover.config.SystemOptions;
import dev.cutover.core.event.SystemSide;
import dev.cutover.debezium.ReplicationSlots;
import dev.cutover.cli.check.BridgePlanner;
import dev.cutover.cli.check.CaptureLayout;
import dev.cutover.cli.check.CheckContext;
import dev.cutover.cli.check.Finding;
import dev.cutover.cli.check.PlanTable;
import dev.cutover.cli.check.Preflight;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutover plan --config F}: what each binding will do (direction, mode, tables, topics,
 * mapping, conflict policy, initial load), read from the configuration and the real tables.
 * Warnings of the preflight go to standard error before the plan. Changes nothing.
 */
@Command(name = "plan", description = {"Show what each binding will do: direction, mode, tables, topics, mapping, conflict policy"
        + " and initial load. Reads the databases' schemas and changes nothing.",
        "Exit code 2 (with the problems) when the configuration or the tables do not fit."})
public final class PlanCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, description = "The bridge's YAML configuration file.")
    Path config;

    @Override
    public Integer call() throws Exception {
        BridgeConfig bridge = ConfigFile.loadOrReport(config, System.err::println);
        if (bridge == null) {
            return ExitCodes.BAD_CONFIG;
        }
        CheckContext context = new CheckContext(bridge);
        List<Finding> findings = Preflight.schemas().run(context);
        List<Finding> problems = findings.stream().filter(Finding::isProblem).toList();
        if (!problems.isEmpty()) {
            System.err.println("cutover plan: the bindings of bridge '" + bridge.name() + "' do not fit the databases ("
                    + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):");
            problems.forEach(p -> System.err.println("  " + p.line()));
            return ExitCodes.BAD_CONFIG;
        }
        findings.stream().filter(Finding::isWarning).forEach(w -> System.err.println("cutover plan: " + w.line()));
        System.out.print(PlanTable.render(bridge, BridgePlanner.plan(bridge.name(), context.reviews(), resuming(bridge, context))));
        return 0;
    }

    /** The captured sides that will resume: a position is stored and, on PostgreSQL, its slot still exists. */
    private static Set<SystemSide> resuming(BridgeConfig bridge, CheckContext context) throws SQLException {
        Set<SystemSide> resuming = EnumSet.noneOf(SystemSide.class);
        for (CaptureLayout.Capture capture : context.layout().captures()) {
            SystemOptions system = bridge.system(capture.side());
            if (!capture.positionStored()) {
                continue;
            }
            if (system.kind() != DatabaseKind.POSTGRESQL || ReplicationSlots.describe(system.jdbcUrl(), system.user(),
                    system.password() == null ? null : system.password().reveal(), capture.slot()).isPresent()) {
                resuming.add(capture.side());
            }
        }
        return resuming;
    }
}
