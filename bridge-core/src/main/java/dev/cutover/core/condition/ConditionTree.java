package dev.cutover.core.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Walks of a {@link ConditionNode} tree. Pure. */
final class ConditionTree {

    private ConditionTree() {
    }

    /** Every operand in the tree, left to right. */
    static List<Operand> operands(ConditionNode node) {
        List<Operand> out = new ArrayList<>();
        mapColumns(node, c -> c, out);
        return out;
    }

    /** The same tree with every column replaced by what {@code f} makes of it. */
    static ConditionNode mapColumns(ConditionNode node, UnaryOperator<Operand.Column> f) {
        return mapColumns(node, f, new ArrayList<>());
    }

    /** Rebuilds {@code node} with {@code f} applied to its columns, adding each original operand to {@code seen}. */
    private static ConditionNode mapColumns(ConditionNode node, UnaryOperator<Operand.Column> f, List<Operand> seen) {
        UnaryOperator<Operand> op = o -> {
            seen.add(o);
            return o instanceof Operand.Column c ? f.apply(c) : o;
        };
        if (node instanceof ConditionNode.And a) {
            return new ConditionNode.And(a.parts().stream().map(p -> mapColumns(p, f, seen)).toList());
        }
        if (node instanceof ConditionNode.Or o) {
            return new ConditionNode.Or(o.parts().stream().map(p -> mapColumns(p, f, seen)).toList());
        }
        if (node instanceof ConditionNode.Not n) {
            return new ConditionNode.Not(mapColumns(n.operand(), f, seen));
        }
        if (node instanceof ConditionNode.Comparison c) {
            Operand left = op.apply(c.left());
            return new ConditionNode.Comparison(left, c.op(), op.apply(c.right()));
        }
        if (node instanceof ConditionNode.Between b) {
            Operand value = op.apply(b.value());
            Operand low = op.apply(b.low());
            return new ConditionNode.Between(value, low, op.apply(b.high()), b.negated());
        }
        if (node instanceof ConditionNode.In i) {
            Operand value = op.apply(i.value());
            return new ConditionNode.In(value, i.values().stream().map(op).toList(), i.negated());
        }
        ConditionNode.IsNull n = (ConditionNode.IsNull) node;
        return new ConditionNode.IsNull(op.apply(n.value()), n.negated());
    }
}
