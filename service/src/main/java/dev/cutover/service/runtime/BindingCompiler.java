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
import dev.cutover.jdbc.JdbcSchemaException;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.kafka.BindingRoute;
import dev.cutover.kafka.TopicNames;
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

    /** The connection factory of one system's database, from its configuration. */
    public static JdbcConnectionFactory connections(SystemOptions system) {
        return JdbcConnectionFactory.of(system.jdbcUrl(), system.user(), password(system));
    }

    /** The system's password in clear, for a driver only; null when none is configured. */
    static String password(SystemOptions system) {
        return system.password() == null ? null : system.password().reveal();
    }

    /**
     * Compiles the streaming one-way bindings.
     *
     * @throws StartupException listing every binding problem with its configuration path
     */
    public List<CompiledBinding> compile() throws StartupException {
        JdbcSchemaReader legacy = new JdbcSchemaReader(connections(config.system(SystemSide.LEGACY)));
        JdbcSchemaReader neu = new JdbcSchemaReader(connections(config.system(SystemSide.NEW)));
        List<String> problems = new ArrayList<>();
        List<CompiledBinding> compiled = new ArrayList<>();
        for (BindingOptions binding : config.bindings()) {
            TableMappingSpec spec = binding.mapping();
            TableSchema legacySchema = read(legacy, binding, SystemSide.LEGACY, problems);
            TableSchema newSchema = read(neu, binding, SystemSide.NEW, problems);
            if (legacySchema == null || newSchema == null) {
                continue;
            }
            try {
                TableMapping mapping = TableMapping.compile(spec, legacySchema, newSchema);
                SystemSide target = CompiledBinding.sourceOf(binding.direction()).opposite();
                if (target == SystemSide.LEGACY && !mapping.invertible()) {
                    problems.addAll(located(binding, mapping.inversionProblems(), " (direction " + binding.direction().label()
                            + " maps new rows back onto the legacy table, so the mapping must be invertible)"));
                    continue;
                }
                TableSchema written = target == SystemSide.NEW ? mapping.newRowSchema() : mapping.legacyRowSchema();
                String topic = TopicNames.changes(config.name(), target, written.table());
                compiled.add(new CompiledBinding(binding, mapping, new BindingRoute(binding.name(), topic, written, target)));
            } catch (MappingException e) {
                problems.addAll(located(binding, e.problems(), ""));
            }
        }
        if (!problems.isEmpty()) {
            throw new StartupException("the bindings do not fit the databases' tables (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "):\n  " + String.join("\n  ", problems), null);
        }
        return compiled;
    }

    private static List<String> located(BindingOptions binding, List<MappingProblem> found, String why) {
        return found.stream().map(p -> binding.path() + "." + p.location() + ": " + p.message() + why).toList();
    }

    private static TableSchema read(JdbcSchemaReader reader, BindingOptions binding, SystemSide side, List<String> problems) {
        TableMappingSpec spec = binding.mapping();
        try {
            return side == SystemSide.LEGACY
                    ? reader.read(spec.legacyTable(), spec.key())
                    : reader.read(spec.newTable());
        } catch (JdbcSchemaException e) {
            problems.add(binding.path() + "." + side.label() + ": " + e.getMessage());
            return null;
        }
    }
}
