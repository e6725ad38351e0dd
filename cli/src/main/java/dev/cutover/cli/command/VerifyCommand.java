package dev.cutover.cli.command;

import dev.cutover.cli.ExitCodes;
import dev.cutover.config.BindingOptions;
import dev.cutover.config.BridgeConfig;
import dev.cutover.core.binding.NoSyncStrategy;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.jdbc.JdbcRowReader;
import dev.cutover.runtime.BindingCompiler;
import dev.cutover.runtime.StartupException;
import dev.cutover.runtime.verify.TableComparison;
import dev.cutover.runtime.verify.VerifyReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutover verify --config F [--binding NAME] [--limit N]}: compares each binding's new table
 * with its legacy table through the mapping and reports the drift, reading both databases
 * directly (no bridge needs to run, and nothing is written). {@code separate} bindings are
 * skipped: their tables are not meant to agree.
 */
@Command(name = "verify", description = {
        "Compare each binding's new table with its legacy table through the mapping and report drift.",
        "Exit code 0 when every compared binding is equal, 1 when any drifted, 2 when the configuration"
                + " or the databases are not as configured, 3 when the comparison failed."})
public final class VerifyCommand implements Callable<Integer> {

    /** Example keys of each kind shown per binding when {@code --limit} is not given. */
    static final String DEFAULT_LIMIT = "20";

    @Option(names = {"-c", "--config"}, required = true, description = "The bridge's YAML configuration file.")
    Path config;

    @Option(names = {"-b", "--binding"}, paramLabel = "NAME", description = "Verify only this binding.")
    String binding;

    @Option(names = "--limit", paramLabel = "N", defaultValue = DEFAULT_LIMIT,
            description = "Show at most N example keys of each kind per binding (default: ${DEFAULT-VALUE}).")
    int limit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (limit < 0) {
            err.println("cutover verify: --limit must be 0 or more, got " + limit);
            return ExitCodes.BAD_CONFIG;
        }
        BridgeConfig bridge = ConfigFile.loadOrReport(config, err::println);
        if (bridge == null) {
            return ExitCodes.BAD_CONFIG;
        }
        List<BindingOptions> chosen = bridge.bindings().stream()
                .filter(b -> binding == null || b.name().equals(binding)).toList();
        if (chosen.isEmpty()) {
            err.println("cutover verify: bridge '" + bridge.name() + "' has no binding '" + binding + "'; its bindings: "
                    + String.join(", ", bridge.bindings().stream().map(BindingOptions::name).toList()));
            return ExitCodes.BAD_CONFIG;
        }
        Map<String, TableMapping> mappings;
        try {
            mappings = new BindingCompiler(bridge).mappings(chosen.stream().filter(b -> !separate(b)).toList());
        } catch (StartupException e) {
            err.println("cutover verify: " + e.getMessage());
            return ExitCodes.BAD_CONFIG;
        }
        return verify(bridge, chosen, mappings, err);
    }

    private Integer verify(BridgeConfig bridge, List<BindingOptions> chosen, Map<String, TableMapping> mappings,
            PrintWriter err) {
        JdbcRowReader legacy = new JdbcRowReader(BindingCompiler.connections(bridge.system(SystemSide.LEGACY)));
        JdbcRowReader neu = new JdbcRowReader(BindingCompiler.connections(bridge.system(SystemSide.NEW)));
        VerifyReport report = new VerifyReport(spec.commandLine().getOut());
        boolean unreadable = false;
        for (BindingOptions b : chosen) {
            if (separate(b)) {
                report.skipped(b);
                continue;
            }
            TableMapping mapping = mappings.get(b.name());
            try {
                report.compared(b, mapping, TableComparison.drift(mapping, legacy, neu, limit));
            } catch (SQLException e) {
                unreadable = true;
                err.println("cutover verify: cannot read the tables of binding '" + b.name() + "' (" + b.path() + "): "
                        + e.getMessage());
            }
        }
        report.summary();
        if (unreadable) {
            return ExitCodes.BAD_CONFIG;
        }
        return report.drift() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private static boolean separate(BindingOptions binding) {
        return binding.strategy() == NoSyncStrategy.SEPARATE;
    }
}
