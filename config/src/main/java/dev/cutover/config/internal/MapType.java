package dev.cutover.config.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * A YAML map with free-form scalar keys (taken as the file spells them) and values of one type.
 * Keeps file order. Immutable and thread-safe.
 *
 * @param <V> the value type
 */
final class MapType<V> implements ValueType<Map<String, V>> {

    private final ValueType<V> valueType;
    private final String typeName;
    private final boolean nonEmpty;

    /**
     * @param typeName e.g. {@code map of legacy value -> new value}
     * @param nonEmpty true when an empty map is a problem
     */
    MapType(ValueType<V> valueType, String typeName, boolean nonEmpty) {
        this.valueType = valueType;
        this.typeName = typeName;
        this.nonEmpty = nonEmpty;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public Map<String, V> read(Node node, String path, ParseContext ctx) {
        if (!(node instanceof MappingNode mapping)) {
            ctx.mismatch(node, path, expected());
            return null;
        }
        if (nonEmpty && mapping.getValue().isEmpty()) {
            ctx.problem(node, path, "must not be empty");
            return null;
        }
        Map<String, V> out = new LinkedHashMap<>();
        boolean failed = false;
        for (Map.Entry<String, NodeTuple> e : Nodes.entries(mapping, path, ctx).entrySet()) {
            V value = valueType.read(e.getValue().getValueNode(), ConfigPaths.child(path, e.getKey()), ctx);
            if (value == null) {
                failed = true;
            } else {
                out.put(e.getKey(), value);
            }
        }
        return failed || mapping.getValue().size() != out.size() ? null : Collections.unmodifiableMap(out);
    }

    @Override
    public String render(Map<String, V> value) {
        return value.isEmpty() ? "{}" : value.toString();
    }

    @Override
    public List<Section> sections() {
        return valueType.sections();
    }
}
