package dev.cutover.tools.demo;

import dev.cutover.config.BridgeConfig;
import dev.cutover.core.mapping.MappingException;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.jdbc.JdbcRowReader;
import dev.cutover.runtime.BindingCompiler;
import dev.cutover.runtime.CompiledBinding;
import dev.cutover.runtime.StartupException;
import dev.cutover.runtime.verify.TableComparison;
import java.sql.SQLException;
import java.util.List;
import java.util.NoSuchElementException;

/** Compares a demo binding's new table with its legacy table seen through the binding's mapping. */
final class SyncCheck {

    private final List<CompiledBinding> bindings;
    private final JdbcRowReader legacyRows;
    private final JdbcRowReader newRows;

    private SyncCheck(List<CompiledBinding> bindings, JdbcRowReader legacyRows, JdbcRowReader newRows) {
        this.bindings = bindings;
        this.legacyRows = legacyRows;
        this.newRows = newRows;
    }

    /** Compiles {@code config}'s bindings against the databases' tables. */
    static SyncCheck of(BridgeConfig config) throws StartupException {
        return new SyncCheck(new BindingCompiler(config).compile(),
                new JdbcRowReader(BindingCompiler.connections(config.legacySystem())),
                new JdbcRowReader(BindingCompiler.connections(config.newSystem())));
    }

    /** The mapping of the binding named {@code binding}. */
    TableMapping mapping(String binding) {
        // A two-way binding compiles to one CompiledBinding per direction; both carry the same mapping.
        return bindings.stream().filter(b -> b.name().equals(binding)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("the demo configuration has no binding '" + binding + "'"))
                .mapping();
    }

    /** How the binding's new table differs from its mapped legacy table right now. */
    TableComparison.Result compare(String binding) throws SQLException, MappingException {
        return TableComparison.compare(mapping(binding), legacyRows, newRows);
    }
}
