package dev.cutover.config.internal;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML list whose elements share one type; every element is read so that all problems are
 * reported. Immutable and thread-safe.
 *
 * @param <T> the element type
 */
final class ListType<T> implements ValueType<List<T>> {

    private final ValueType<T> element;
    private final String typeName;
    private final boolean nonEmpty;

    /**
     * @param typeName e.g. {@code list of column names}
     * @param nonEmpty true when an empty list is a problem
     */
    ListType(ValueType<T> element, String typeName, boolean nonEmpty) {
        this.element = element;
        this.typeName = typeName;
        this.nonEmpty = nonEmpty;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public List<T> read(Node node, String path, ParseContext ctx) {
        if (!(node instanceof SequenceNode sequence)) {
            ctx.mismatch(node, path, expected());
            return null;
        }
        if (nonEmpty && sequence.getValue().isEmpty()) {
            ctx.problem(node, path, "must not be empty");
            return null;
        }
        List<T> out = new ArrayList<>();
        boolean failed = false;
        for (int i = 0; i < sequence.getValue().size(); i++) {
            T value = element.read(sequence.getValue().get(i), ConfigPaths.element(path, i), ctx);
            if (value == null) {
                failed = true;
            } else {
                out.add(value);
            }
        }
        return failed ? null : List.copyOf(out);
    }

    @Override
    public String render(List<T> value) {
        return value.isEmpty() ? "[]" : value.toString();
    }

    @Override
    public List<Section> sections() {
        return element.sections();
    }
}
