package dev.cutover.runtime;

import dev.cutover.config.BindingOptions;
import dev.cutover.config.BridgeConfig;
import dev.cutover.config.DatabaseKind;
import dev.cutover.config.SystemOptions;
import dev.cutover.core.binding.Direction;
import dev.cutover.core.conflict.ConflictPolicy;
import dev.cutover.core.conflict.ConflictSpec;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.MappingException;
import dev.cutover.core.mapping.MappingProblem;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.mapping.TableMappingSpec;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.JdbcSchemaException;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.jdbc.postgres.ReplicaIdentity;
import dev.cutover.kafka.BindingRoute;
import dev.cutover.kafka.TopicNames;
import dev.cutover.runtime.batch.WatermarkColumn;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the real schema of every bound table and compiles each binding's mapping against them,
 * collecting every problem of every binding before failing once.
 */
public final class BindingCompiler {

    private static final Logger LOG = LoggerFactory.getLogger(BindingCompiler.class);

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
     * Compiles the directions that sync, one {@link CompiledBinding} per direction (two for two-way);
     * {@code none} bindings are checked too but yield none. Same as {@code compileAll().directions()}.
     *
     * @throws StartupException listing every binding problem with its configuration path
     */
    public List<CompiledBinding> compile() throws StartupException {
        return compileAll().directions();
    }

    /**
     * Compiles every binding for a run: each mapping against the real tables, plus what its
     * direction needs (an invertible mapping to write the legacy side; for two-way, the ordering
     * column and whole before images, which may run {@code ALTER TABLE ... REPLICA IDENTITY FULL}
     * when the binding allows it). A {@code none} binding gets only the mapping check.
     *
     * @throws StartupException listing every binding problem with its configuration path
     */
    public CompiledBridge compileAll() throws StartupException {
        return compileAll(null);
    }

    /**
     * As {@link #compileAll()}, but a binding paused for schema drift ({@code paused} remembers it)
     * whose mapping does not compile against the live tables is compiled against the schemas it
     * was paused with, and starts paused again: {@link CompiledBridge#startPaused()} lists it with
     * the problems the live tables have.
     *
     * @param paused the bindings paused when the bridge last ran; null for none
     */
    CompiledBridge compileAll(PausedBindingStore paused) throws StartupException {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> startPaused = new LinkedHashMap<>();
        Map<String, TableMapping> mappings = compileMappings(config.bindings(), problems, paused, startPaused);
        List<CompiledBinding> compiled = new ArrayList<>();
        for (BindingOptions binding : config.bindings()) {
            TableMapping mapping = mappings.get(binding.name());
            if (mapping != null && checkDirection(binding, mapping, problems, true)) {
                for (SystemSide target : binding.direction().targets()) {
                    TableSchema written = target == SystemSide.NEW ? mapping.newRowSchema() : mapping.legacyRowSchema();
                    String topic = TopicNames.changes(config.name(), target, written.table());
                    compiled.add(new CompiledBinding(binding, mapping, new BindingRoute(binding.name(), topic, written, target)));
                }
            }
        }
        failOn(problems);
        return new CompiledBridge(mappings, compiled, startPaused);
    }

    /**
     * Compiles the mapping of each of {@code bindings} against the real tables and checks nothing
     * else; reads the schemas only, so it changes neither database. For {@code verify} and
     * {@code plan}, which look at bindings of any direction without running them.
     *
     * @param bindings bindings of this compiler's configuration
     * @return the compiled mappings by binding name, in the order given
     * @throws StartupException listing every problem with its configuration path
     */
    public Map<String, TableMapping> mappings(Collection<BindingOptions> bindings) throws StartupException {
        List<String> problems = new ArrayList<>();
        Map<String, TableMapping> mappings = compileMappings(bindings, problems, null, new LinkedHashMap<>());
        failOn(problems);
        return mappings;
    }

    private Map<String, TableMapping> compileMappings(Collection<BindingOptions> bindings, List<String> problems,
            PausedBindingStore paused, Map<String, List<String>> startPaused) {
        JdbcSchemaReader legacy = new JdbcSchemaReader(connections(config.system(SystemSide.LEGACY)));
        JdbcSchemaReader neu = new JdbcSchemaReader(connections(config.system(SystemSide.NEW)));
        Map<String, TableMapping> mappings = new LinkedHashMap<>();
        for (BindingOptions binding : bindings) {
            List<String> found = new ArrayList<>();
            TableMapping mapping = compileMapping(binding, legacy, neu, found);
            Optional<PausedBindingStore.Paused> was = found.isEmpty() || paused == null ? Optional.empty() : paused.load(binding.name());
            if (was.isPresent()) {
                try {
                    mapping = TableMapping.compile(binding.mapping(), was.get().legacy(), was.get().neu());
                    LOG.warn("Binding '{}' was paused for schema drift and its configuration does not fit the tables yet;"
                            + " it starts paused again, with the mapping it had:\n  {}", binding.name(), String.join("\n  ", found));
                    startPaused.put(binding.name(), found);
                    found = List.of();
                } catch (MappingException | IllegalArgumentException e) {
                    // The configuration changed too: the problems with the live tables are the ones to fix.
                }
            }
            problems.addAll(found);
            if (found.isEmpty() && mapping != null) {
                mappings.put(binding.name(), mapping);
            }
        }
        return mappings;
    }

    private TableMapping compileMapping(BindingOptions binding, JdbcSchemaReader legacy, JdbcSchemaReader neu, List<String> problems) {
        TableSchema legacySchema = read(legacy, binding, SystemSide.LEGACY, problems);
        TableSchema newSchema = read(neu, binding, SystemSide.NEW, problems);
        if (legacySchema == null || newSchema == null) {
            return null;
        }
        try {
            return TableMapping.compile(binding.mapping(), legacySchema, newSchema);
        } catch (MappingException e) {
            problems.addAll(located(binding, e.problems(), ""));
            return null;
        }
    }

    /**
     * What is wrong with the watermark column of an incremental batch binding, read from the table
     * it copies from; null when nothing is, or the binding copies no increments.
     */
    public static String watermarkProblem(BindingOptions binding, TableMapping mapping) {
        if (!binding.batched() || !binding.batch().incremental()) {
            return null;
        }
        SystemSide source = binding.direction().targets().get(0).opposite();
        return WatermarkColumn.problem(source == SystemSide.LEGACY ? mapping.legacySchema() : mapping.newSchema(),
                binding.batch().watermark());
    }

    /**
     * What {@code binding}'s direction needs beyond its compiled mapping and the tables lack, each
     * with its configuration path; empty when nothing. Reads only: a two-way binding allowed to
     * set {@code REPLICA IDENTITY FULL} counts as having it. For plans of a reload.
     */
    public List<String> directionProblems(BindingOptions binding, TableMapping mapping) {
        List<String> problems = new ArrayList<>();
        checkDirection(binding, mapping, problems, false);
        return problems;
    }

    /**
     * What the binding's direction needs beyond the mapping; false after adding problems.
     *
     * @param mayAlter whether a two-way binding's {@code set-replica-identity-full} may be carried out now
     */
    private boolean checkDirection(BindingOptions binding, TableMapping mapping, List<String> problems, boolean mayAlter) {
        int before = problems.size();
        if (binding.direction() == Direction.TWO_WAY) {
            checkTwoWay(binding, mapping, problems, mayAlter);
        }
        String watermark = watermarkProblem(binding, mapping);
        if (watermark != null) {
            problems.add(binding.path() + ".batch.watermark: " + watermark);
        }
        if (binding.direction().targets().contains(SystemSide.LEGACY) && !mapping.invertible()) {
            problems.addAll(located(binding, mapping.inversionProblems(), " (direction " + binding.direction().label()
                    + " maps new rows back onto the legacy table, so the mapping must be invertible)"));
        }
        return problems.size() == before;
    }

    private static void failOn(List<String> problems) throws StartupException {
        if (!problems.isEmpty()) {
            throw new StartupException("the bindings do not fit the databases' tables (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "):\n  " + String.join("\n  ", problems), null);
        }
    }

    /**
     * What a two-way binding needs beyond its mapping: an ordering column present on both sides for
     * newest-wins, and before images (REPLICA IDENTITY FULL) on the follower's table, whose changes
     * the arbiter checks for conflicts.
     */
    private void checkTwoWay(BindingOptions binding, TableMapping mapping, List<String> problems, boolean mayAlter) {
        ConflictSpec conflict = binding.conflict();
        if (conflict.policy() == ConflictPolicy.NEWEST_WINS) {
            String column = conflict.column();
            if (!mapping.newRowSchema().columnNames().contains(column) || mapping.legacyColumnFeeding(column) == null) {
                problems.add(binding.path() + ".conflict.column: '" + column + "' must be a column of new table "
                        + mapping.newSchema().table() + " that a legacy column of " + mapping.legacySchema().table()
                        + " feeds, so both sides can order their versions by it");
            }
        }
        // The arbiter judges the follower's changes by their before images; its own changes are applied as they come.
        SystemSide side = BridgeRoles.ARBITER.opposite();
        TableId table = (side == SystemSide.LEGACY ? mapping.legacySchema() : mapping.newSchema()).table();
        SystemOptions system = config.system(side);
        if (system.kind() == DatabaseKind.MARIADB) {
            return; // the binlog logs whole rows (binlog_row_image=FULL), which the capture checks at start
        }
        try (Connection c = JdbcConnectionFactory.of(system.jdbcUrl(), system.user(), password(system)).open()) {
            if (conflict.setReplicaIdentityFull()) {
                if (mayAlter && ReplicaIdentity.makeFull(c, table)) {
                    LOG.info("Set REPLICA IDENTITY FULL on {} table {} for two-way binding '{}'", side.label(), table, binding.name());
                }
            } else if (ReplicaIdentity.read(c, table).orElseThrow(() -> new SQLException("table " + table + " does not exist"))
                    .identity().kind() != ReplicaIdentity.Kind.FULL) {
                problems.add(binding.path() + "." + side.label() + ": table " + table + " must log whole before images for"
                        + " two-way conflict detection: run ALTER TABLE " + table + " REPLICA IDENTITY FULL, or set "
                        + binding.path() + ".conflict.set-replica-identity-full: true to let Cutover do it");
            }
        } catch (SQLException e) {
            problems.add(binding.path() + "." + side.label() + ": cannot check the replica identity of table " + table
                    + ": " + e.getMessage());
        }
    }

    /** The ordering column of a newest-wins binding in the terms of the side {@code compiled} writes; null for other policies. */
    static String conflictColumn(CompiledBinding compiled) {
        String column = compiled.options().conflict().column();
        if (column == null || compiled.target() == SystemSide.NEW) {
            return column;
        }
        return compiled.mapping().legacyColumnFeeding(column);
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
