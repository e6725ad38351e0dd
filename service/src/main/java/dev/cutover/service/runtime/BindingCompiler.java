package dev.cutover.service.runtime;

import dev.cutover.config.BindingOptions;
import dev.cutover.config.BridgeConfig;
import dev.cutover.config.SystemOptions;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.mapping.MappingException;
import dev.cutover.core.mapping.MappingProblem;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.mapping.TableMappingSpec;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.kafka.BindingRoute;
import dev.cutover.kafka.TopicNames;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the real schema of every bound table and compiles each binding's mapping against them,
 * collecting every problem of every binding before failing once.
 */
public final class BindingCompiler {

    private final BridgeConfig config;

    public BindingCompiler(BridgeConfig config) {
        this.config = config;
    }

    /**
     * Compiles the streaming legacy-to-new bindings.
     *
     * @throws StartupException listing every binding problem with its configuration path
     */
    public List<CompiledBinding> compile() throws StartupException {
        List<String> problems = new ArrayList<>();
        List<CompiledBinding> compiled = new ArrayList<>();
        try (Connection legacy = connect(SystemSide.LEGACY); Connection neu = connect(SystemSide.NEW)) {
            for (BindingOptions binding : config.bindings()) {
                TableMappingSpec spec = binding.mapping();
                TableSchema legacySchema = read(legacy, spec, SystemSide.LEGACY, binding, problems);
                TableSchema newSchema = read(neu, spec, SystemSide.NEW, binding, problems);
                if (legacySchema == null || newSchema == null) {
                    continue;
                }
                try {
                    TableMapping mapping = TableMapping.compile(spec, legacySchema, newSchema);
                    String topic = TopicNames.changes(config.name(), SystemSide.NEW, spec.newTable());
                    compiled.add(new CompiledBinding(binding, mapping,
                            new BindingRoute(binding.name(), topic, mapping.newSchema(), SystemSide.NEW)));
                } catch (MappingException e) {
                    for (MappingProblem p : e.problems()) {
                        problems.add(binding.path() + "." + p.location() + ": " + p.message());
                    }
                }
            }
        } catch (SQLException e) {
            throw new StartupException("cannot read table schemas: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new StartupException("the bindings do not fit the databases' tables (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "):\n  " + String.join("\n  ", problems), null);
        }
        return compiled;
    }

    private Connection connect(SystemSide side) throws StartupException {
        SystemOptions system = config.system(side);
        try {
            return JdbcConnectionFactory.of(system.jdbcUrl(), system.user(), system.password() == null ? null : system.password().reveal())
                    .connect();
        } catch (SQLException e) {
            throw new StartupException("cannot connect to the " + side.label() + " database " + system.jdbcUrl()
                    + " as " + system.user() + " (systems." + side.label() + "): " + e.getMessage(), e);
        }
    }

    private static TableSchema read(Connection c, TableMappingSpec spec, SystemSide side, BindingOptions binding,
            List<String> problems) {
        boolean legacy = side == SystemSide.LEGACY;
        try {
            return new JdbcSchemaReader().read(c, legacy ? spec.legacyTable() : spec.newTable(), legacy ? spec.key() : List.of());
        } catch (SQLException | IllegalArgumentException e) {
            problems.add(binding.path() + "." + side.label() + ": " + e.getMessage());
            return null;
        }
    }
}
