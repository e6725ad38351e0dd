package dev.cutover.runtime;

import dev.cutover.core.mapping.TableMapping;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every binding of a bridge checked against the real tables. Immutable.
 *
 * @param mappings the compiled mapping of every binding, {@code none} ones included, by binding
 *     name in configuration order
 * @param directions the directions that sync, one per direction of each binding that is not
 *     {@code none} (two for two-way), in configuration order
 * @param startPaused the bindings that start paused for schema drift, compiled against the schemas
 *     they were paused with because their configuration does not fit the live tables yet, each
 *     with those problems
 * @param inSync the bindings whose two tables a reload just verified equal (their direction switched): a
 *     capture that starts reading one of their tables loads no existing rows
 */
public record CompiledBridge(Map<String, TableMapping> mappings, List<CompiledBinding> directions,
        Map<String, List<String>> startPaused, Set<String> inSync) {

    public CompiledBridge {
        mappings = Collections.unmodifiableMap(new LinkedHashMap<>(mappings));
        directions = List.copyOf(directions);
        startPaused = Collections.unmodifiableMap(new LinkedHashMap<>(startPaused));
        inSync = Set.copyOf(inSync);
    }

    /** As compiled at start: no binding is known to be in sync. */
    public CompiledBridge(Map<String, TableMapping> mappings, List<CompiledBinding> directions,
            Map<String, List<String>> startPaused) {
        this(mappings, directions, startPaused, Set.of());
    }

    /** The same bridge, with {@code bindings} known to be in sync. */
    public CompiledBridge inSync(Set<String> bindings) {
        return new CompiledBridge(mappings, directions, startPaused, bindings);
    }

    /** A bridge none of whose bindings starts paused. */
    public CompiledBridge(Map<String, TableMapping> mappings, List<CompiledBinding> directions) {
        this(mappings, directions, Map.of());
    }
}
