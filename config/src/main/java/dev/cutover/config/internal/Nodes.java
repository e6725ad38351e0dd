package dev.cutover.config.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Small questions about composed YAML nodes. Stateless. */
final class Nodes {

    private Nodes() {
    }

    /** True for a string scalar; {@code ${NAME}} is resolved by SnakeYAML as its own tag but is a string here. */
    static boolean isString(Node node) {
        return node instanceof ScalarNode && (Tag.STR.equals(node.getTag()) || Tag.ENV_TAG.equals(node.getTag()));
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    static boolean hasTag(Node node, Tag tag) {
        return node instanceof ScalarNode && tag.equals(node.getTag());
    }

    /** What the node is, for "got ..." in messages; never includes the value. */
    static String kindOf(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isString(node)) {
            return ((ScalarNode) node).getValue().isEmpty() ? "an empty string" : "a string";
        }
        Tag tag = node.getTag();
        if (Tag.INT.equals(tag)) {
            return "an integer";
        }
        if (Tag.FLOAT.equals(tag)) {
            return "a number";
        }
        if (Tag.BOOL.equals(tag)) {
            return "a boolean";
        }
        return Tag.NULL.equals(tag) ? "null" : "a value tagged " + tag.getValue();
    }

    /**
     * The node as the file spells it, quoted, for messages about values that are not secret. A
     * reference is shown as written ({@code '${env:NAME}'}), never resolved.
     */
    static String quote(Node node) {
        return quote(node, UnaryOperator.identity());
    }

    /** Like {@link #quote(Node)}, with {@code redact} applied to the text first. */
    static String quote(Node node, UnaryOperator<String> redact) {
        return node instanceof ScalarNode s ? "'" + redact.apply(s.getValue()) + "'" : kindOf(node);
    }

    /**
     * The entries of a mapping by key text, in file order. Reports keys that are not scalars and
     * duplicate keys (keeping the first), so a reader never silently takes one of two values.
     */
    static Map<String, NodeTuple> entries(MappingNode mapping, String path, ParseContext ctx) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key) || isNull(keyNode)) {
                ctx.problem(keyNode, path, "expected a scalar key, got " + kindOf(keyNode));
                continue;
            }
            NodeTuple first = entries.putIfAbsent(key.getValue(), tuple);
            if (first != null) {
                ctx.problem(keyNode, ConfigPaths.child(path, key.getValue()), "duplicate key; first defined at "
                        + position(first.getKeyNode()));
            }
        }
        return entries;
    }

    private static String position(Node node) {
        return node.getStartMark().map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                .orElse("an unknown position");
    }
}
