package dev.cutover.tools.lifecycle;

import dev.cutover.config.BridgeConfig;
import dev.cutover.core.mapping.MappingException;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.jdbc.JdbcRowReader;
import dev.cutover.runtime.BindingCompiler;
import dev.cutover.runtime.CompiledBinding;
import dev.cutover.runtime.StartupException;
import dev.cutover.runtime.verify.TableComparison;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;

/** Compares a binding's new table with its legacy table seen through the binding's mapping. */
public final class SyncCheck {

    private final List<CompiledBinding> bindings;
    private final JdbcRowReader legacyRows;
    private final JdbcRowReader newRows;

    private SyncCheck(List<CompiledBinding> bindings, JdbcRowReader legacyRows, JdbcRowReader newRows) {
        this.bindings = bindings;
        this.legacyRows = legacyRows;
        this.newRows = newRows;
    }

    /** Compiles {@code config}'s bindings against the databases' tables. */
    public static SyncCheck of(BridgeConfig config) throws StartupException {
        return new SyncCheck(new BindingCompiler(config).compile(),
                new JdbcRowReader(BindingCompiler.connections(config.legacySystem())),
                new JdbcRowReader(BindingCompiler.connections(config.newSystem())));
    }

    /** The mapping of the binding named {@code binding}. */
    public TableMapping mapping(String binding) {
        // A two-way binding compiles to one CompiledBinding per direction; both carry the same mapping.
        return bindings.stream().filter(b -> b.name().equals(binding)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("the configuration has no binding '" + binding + "'"))
                .mapping();
    }

    /** How the binding's new table differs from its mapped legacy table right now. */
    public TableComparison.Result compare(String binding) throws SQLException, MappingException {
        return TableComparison.compare(mapping(binding), legacyRows, newRows);
    }

    /**
     * Compares until the tables are equal or {@code timeout} passed; returns the last comparison.
     * Changes in flight make a comparison differ for a moment, so it polls.
     */
    public TableComparison.Result awaitEqual(String binding, Duration timeout) throws SQLException, MappingException,
            InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        TableComparison.Result result = compare(binding);
        while (!result.inSync() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            result = compare(binding);
        }
        return result;
    }
}
