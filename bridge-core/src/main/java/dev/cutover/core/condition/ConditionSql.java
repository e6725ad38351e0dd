package dev.cutover.core.condition;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link ConditionNode} as SQL: names through {@link SqlQuoting#identifier}, text through
 * {@link SqlQuoting#string}, numbers in plain decimal notation, and every nested AND, OR or NOT in
 * parentheses so that no precedence rule of the database matters. Pure.
 */
final class ConditionSql {

    private final SqlQuoting q;

    private ConditionSql(SqlQuoting q) {
        this.q = q;
    }

    static String render(ConditionNode node, SqlQuoting quoting) {
        return new ConditionSql(quoting).node(node);
    }

    private String node(ConditionNode node) {
        if (node instanceof ConditionNode.And a) {
            return joined(a.parts(), " AND ");
        }
        if (node instanceof ConditionNode.Or o) {
            return joined(o.parts(), " OR ");
        }
        if (node instanceof ConditionNode.Not n) {
            return "NOT (" + node(n.operand()) + ")";
        }
        if (node instanceof ConditionNode.Comparison c) {
            return operand(c.left()) + " " + c.op().sql() + " " + operand(c.right());
        }
        if (node instanceof ConditionNode.Between b) {
            return operand(b.value()) + (b.negated() ? " NOT" : "") + " BETWEEN " + operand(b.low()) + " AND " + operand(b.high());
        }
        if (node instanceof ConditionNode.In i) {
            return operand(i.value()) + (i.negated() ? " NOT" : "") + " IN ("
                    + i.values().stream().map(this::operand).collect(Collectors.joining(", ")) + ")";
        }
        ConditionNode.IsNull n = (ConditionNode.IsNull) node;
        return operand(n.value()) + (n.negated() ? " IS NOT NULL" : " IS NULL");
    }

    private String joined(List<ConditionNode> parts, String operator) {
        return parts.stream().map(p -> p instanceof ConditionNode.And || p instanceof ConditionNode.Or ? "(" + node(p) + ")" : node(p))
                .collect(Collectors.joining(operator));
    }

    private String operand(Operand operand) {
        if (operand instanceof Operand.Column c) {
            return q.identifier(c.name());
        }
        if (operand instanceof Operand.Number n) {
            return n.value().toPlainString();
        }
        if (operand instanceof Operand.Text t) {
            return q.string(t.value());
        }
        if (operand instanceof Operand.Bool b) {
            return b.value() ? "TRUE" : "FALSE";
        }
        return "NULL";
    }
}
