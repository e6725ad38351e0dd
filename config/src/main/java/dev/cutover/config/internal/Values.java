package dev.cutover.config.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * The typed values of one mapping read against its {@link Section}: unknown keys, duplicates,
 * missing required keys, wrong types and invalid values have all been reported. Assemblers use
 * it for cross-field checks and to build the model. Not thread-safe; used during one parse.
 */
public final class Values {

    private final String path;
    private final ParseContext ctx;
    private final Node node;
    private final Map<Key<?>, Object> values = new HashMap<>();
    private final Map<Key<?>, Node> nodes = new HashMap<>();
    private final Set<Key<?>> failed = new HashSet<>();

    private Values(String path, ParseContext ctx, Node node) {
        this.path = path;
        this.ctx = ctx;
        this.node = node;
    }

    /**
     * Reads {@code mapping} against {@code section}.
     *
     * @param mapping the mapping, or null when the section is absent (every key takes its default)
     */
    static Values read(Section section, MappingNode mapping, String path, ParseContext ctx) {
        Values v = new Values(path, ctx, mapping);
        Map<String, NodeTuple> entries = mapping == null ? Map.of() : Nodes.entries(mapping, path, ctx);
        entries.forEach((name, tuple) -> {
            if (!section.names().contains(name)) {
                ctx.problem(tuple.getKeyNode(), ConfigPaths.child(path, name),
                        "unknown key; known keys here: " + String.join(", ", section.names()));
            }
        });
        for (Key<?> key : section.keys()) {
            NodeTuple entry = entries.get(key.name());
            v.take(key, entry == null ? null : entry.getValueNode());
        }
        return v;
    }

    private void take(Key<?> key, Node valueNode) {
        String keyPath = ConfigPaths.child(path, key.name());
        Object value;
        if (valueNode != null) {
            nodes.put(key, valueNode);
            value = key.read(valueNode, keyPath, ctx);
            if (value == null) {
                failed.add(key);
            }
        } else if (key.required()) {
            ctx.problem(node, keyPath, "missing required key");
            failed.add(key);
            value = null;
        } else {
            value = key.defaultValue() != null ? key.defaultValue() : key.type().absent(keyPath, ctx);
        }
        if (value != null) {
            values.put(key, value);
        }
    }

    /** The key's value or default; null when absent without default, or invalid. */
    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        return (T) values.get(key);
    }

    /** True when the file sets the key, validly or not. */
    public boolean isSet(Key<?> key) {
        return nodes.containsKey(key);
    }

    /** True when the mapping is absent or has no entries at all, known or not. */
    public boolean isEmpty() {
        return !(node instanceof MappingNode m) || m.getValue().isEmpty();
    }

    /** True when every key was valid and every required key present. */
    public boolean complete() {
        return failed.isEmpty();
    }

    /** The path of this mapping, e.g. {@code bindings[0]}. */
    public String path() {
        return path;
    }

    /** The path of {@code key} in this mapping. */
    public String pathOf(Key<?> key) {
        return ConfigPaths.child(path, key.name());
    }

    public ParseContext context() {
        return ctx;
    }

    /** Reports a problem with {@code key}, at its value's position (or the mapping's when absent). */
    public void problem(Key<?> key, String message) {
        ctx.problem(nodes.getOrDefault(key, node), pathOf(key), message);
    }

    /** Reports a problem with the entry {@code entry} of the map-valued {@code key}, at the map's position. */
    public void problem(Key<?> key, String entry, String message) {
        ctx.problem(nodes.getOrDefault(key, node), ConfigPaths.child(pathOf(key), entry), message);
    }

    /**
     * The key's value as the file spells it, quoted, after {@code redact}, for messages; only for
     * keys that are not sensitive.
     */
    String quoted(Key<?> key, UnaryOperator<String> redact) {
        Node valueNode = nodes.get(key);
        return valueNode == null ? "nothing" : Nodes.quote(valueNode, redact);
    }

    /** Reports a problem with the mapping as a whole. */
    public void problem(String message) {
        ctx.problem(node, path, message);
    }
}
