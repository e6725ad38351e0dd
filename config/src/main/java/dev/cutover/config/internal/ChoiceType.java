package dev.cutover.config.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * A string that must be one of a fixed set of labels. Some labels may be recognised but not
 * available yet; they are rejected with their own message instead of "unknown value".
 * Immutable and thread-safe.
 *
 * @param <E> the value each label stands for
 */
final class ChoiceType<E> implements ValueType<E> {

    private final Map<String, E> byLabel;
    private final Function<E, String> label;
    private final Map<String, String> unavailable;

    private ChoiceType(Map<String, E> byLabel, Function<E, String> label, Map<String, String> unavailable) {
        this.byLabel = byLabel;
        this.label = label;
        this.unavailable = unavailable;
    }

    /**
     * @param choices every recognised value, in documentation order
     * @param label the configuration label of a value
     * @param unavailable why each recognised but unavailable value is rejected, by value
     */
    static <E> ChoiceType<E> of(List<E> choices, Function<E, String> label, Map<E, String> unavailable) {
        Map<String, E> byLabel = new LinkedHashMap<>();
        Map<String, String> rejected = new LinkedHashMap<>();
        for (E choice : choices) {
            byLabel.put(label.apply(choice), choice);
            if (unavailable.containsKey(choice)) {
                rejected.put(label.apply(choice), unavailable.get(choice));
            }
        }
        return new ChoiceType<>(Collections.unmodifiableMap(byLabel), label, Collections.unmodifiableMap(rejected));
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public String expected() {
        return "one of " + String.join(", ", byLabel.keySet());
    }

    @Override
    public E read(Node node, String path, ParseContext ctx) {
        if (!Nodes.isString(node)) {
            ctx.mismatch(node, path, expected());
            return null;
        }
        Text text = ctx.text((ScalarNode) node, path);
        if (text == null) {
            return null;
        }
        String reason = unavailable.get(text.value());
        if (reason != null) {
            ctx.problem(node, path, reason);
            return null;
        }
        E value = byLabel.get(text.value());
        if (value == null) {
            ctx.problem(node, path, "expected " + expected() + ", got " + Nodes.quote(node));
        }
        return value;
    }

    @Override
    public String render(E value) {
        return label.apply(value);
    }

    @Override
    public String allowed() {
        List<String> available = new ArrayList<>();
        byLabel.keySet().stream().filter(l -> !unavailable.containsKey(l)).forEach(l -> available.add("`" + l + "`"));
        String out = String.join(", ", available);
        if (!unavailable.isEmpty()) {
            out += "; planned: " + String.join(", ", unavailable.keySet().stream().map(l -> "`" + l + "`").toList());
        }
        return out;
    }
}
