package dev.cutover.runtime;

import dev.cutover.core.mapping.TableMapping;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 */
public record CompiledBridge(Map<String, TableMapping> mappings, List<CompiledBinding> directions,
        Map<String, List<String>> startPaused) {

    public CompiledBridge {
        mappings = Collections.unmodifiableMap(new LinkedHashMap<>(mappings));
        directions = List.copyOf(directions);
        startPaused = Collections.unmodifiableMap(new LinkedHashMap<>(startPaused));
    }

    /** A bridge none of whose bindings starts paused. */
    public CompiledBridge(Map<String, TableMapping> mappings, List<CompiledBinding> directions) {
        this(mappings, directions, Map.of());
    }
}
