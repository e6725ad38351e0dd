package dev.cutover.runtime;

import dev.cutover.config.SystemOptions;
import dev.cutover.core.drift.SchemaDrift;
import dev.cutover.core.drift.TargetDriftCheck;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.SourceSchemaProbe;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcSchemaException;
import dev.cutover.jdbc.JdbcSchemaReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the live schemas of one system's bound tables for drift checks: of the tables its capture
 * reads ({@link #source}) and of those its applier writes ({@link #target}). Each check reads the
 * catalog on its own connection; a failure is logged here with the table and rethrown. Thread-safe.
 */
final class JdbcDriftProbes {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDriftProbes.class);

    private JdbcDriftProbes() {
    }

    /** Reads the captured tables of {@code reading} (all read from {@code system}) with their bindings' keys. */
    static SourceSchemaProbe source(SystemOptions system, List<CompiledBinding> reading) {
        JdbcSchemaReader reader = new JdbcSchemaReader(BindingCompiler.connections(system));
        Map<TableId, List<String>> keys = new LinkedHashMap<>();
        // A configured key names legacy columns; otherwise the primary key, as the compiler read it.
        reading.forEach(b -> keys.put(b.sourceTable(), b.source() == dev.cutover.core.event.SystemSide.LEGACY
                ? b.options().mapping().key() : List.of()));
        return table -> {
            try {
                return reader.read(table, keys.getOrDefault(table, List.of()));
            } catch (JdbcSchemaException e) {
                LOG.warn("Cannot read the schema of captured table {} to check it for drift: {}", table, e.getMessage());
                throw e;
            }
        };
    }

    /** Diffs the written tables of {@code writing} (all written to {@code system}) with what their mappings write. */
    static TargetDriftCheck target(SystemOptions system, List<CompiledBinding> writing) {
        JdbcSchemaReader reader = new JdbcSchemaReader(BindingCompiler.connections(system));
        Map<String, CompiledBinding> byName = new LinkedHashMap<>();
        writing.forEach(b -> byName.put(b.name(), b));
        return binding -> {
            CompiledBinding b = byName.get(binding);
            if (b == null) {
                return null;
            }
            TableSchema written = b.route().targetSchema();
            try {
                TableSchema live = reader.read(written.table());
                return SchemaDrift.ofTarget(binding, b.target(), written, live, reader.defaultedColumns(written.table()));
            } catch (JdbcSchemaException e) {
                LOG.warn("Cannot read the schema of written table {} to check it for drift: {}", written.table(), e.getMessage());
                throw e;
            }
        };
    }
}
