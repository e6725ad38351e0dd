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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutover plan --config F}: what each binding will do (direction, mode, tables, topics,
 * mapping, conflict policy, initial load), read from the configuration and the real tables.
 * Warnings of the preflight go to standard error before the plan. With {@code --url}, what
 * reloading the bridge running there to {@code F} would do, binding by binding, as that bridge
 * works it out. Changes nothing.
 */
@Command(name = "plan", description = {"Show what each binding will do: direction, mode, tables, topics, mapping, conflict policy"
        + " and initial load. Reads the databases' schemas and changes nothing.",
        "With --url: what reloading the bridge running there to this file would do, binding by binding.",
        "Exit code 2 (with the problems) when the configuration or the tables do not fit, or the reload would be refused."})
public final class PlanCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, description = "The bridge's YAML configuration file.")
    Path config;

    @Option(names = "--url", description = "A running bridge's HTTP base URL: show what reloading it to this file would do.")
    String url;

    @Option(names = "--token-file", paramLabel = "FILE", description = "With --url: a file holding the running bridge's http.token"
            + " (else the file's http.token, else the environment variable " + BridgeClient.TOKEN_VARIABLE + ").")
    Path tokenFile;

    @Override
    public Integer call() throws Exception {
        BridgeConfig bridge = ConfigFile.loadOrReport(config, System.err::println);
        if (bridge == null) {
            return ExitCodes.BAD_CONFIG;
        }
        if (url != null) {
            return reloadPlan();
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

    /** Asks the running bridge what a reload to the file would do and prints its plan; 2 when it would be refused. */
    private int reloadPlan() throws IOException {
        BridgeClient client = new BridgeClient();
        client.url = url;
        client.config = config;
        client.tokenFile = tokenFile;
        Map<?, ?> plan;
        try {
            plan = (Map<?, ?>) client.call("POST", "/reload/plan", Map.of("path", config.toAbsolutePath().toString(),
                    "config", Files.readString(config)));
        } catch (BridgeClient.Failure e) {
            System.err.println("cutover plan: " + e.getMessage());
            return e.exitCode;
        }
        ((List<?>) plan.get("lines")).forEach(System.out::println);
        if (!Boolean.TRUE.equals(plan.get("applicable"))) {
            System.err.println("cutover plan: a reload to " + config + " would be refused and change nothing: see the refused lines");
            return ExitCodes.BAD_CONFIG;
        }
        return ExitCodes.OK;
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
