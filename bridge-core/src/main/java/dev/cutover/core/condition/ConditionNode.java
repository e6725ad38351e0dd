package dev.cutover.core.condition;

import java.util.List;
import java.util.Objects;

/**
 * A node of a parsed {@link RowCondition}: a predicate over operands, or a combination of
 * predicates. Records, immutable and thread-safe.
 */
public sealed interface ConditionNode {

    /** Every operand combined with AND; at least two. */
    record And(List<ConditionNode> parts) implements ConditionNode {
        public And {
            parts = List.copyOf(parts);
        }
    }

    /** Every operand combined with OR; at least two. */
    record Or(List<ConditionNode> parts) implements ConditionNode {
        public Or {
            parts = List.copyOf(parts);
        }
    }

    /** {@code NOT operand}. */
    record Not(ConditionNode operand) implements ConditionNode {
        public Not {
            Objects.requireNonNull(operand, "operand");
        }
    }

    /** {@code left op right}. */
    record Comparison(Operand left, Comparator op, Operand right) implements ConditionNode {
    }

    /** {@code value [NOT] BETWEEN low AND high}. */
    record Between(Operand value, Operand low, Operand high, boolean negated) implements ConditionNode {
    }

    /** {@code value [NOT] IN (values...)}; at least one value. */
    record In(Operand value, List<Operand> values, boolean negated) implements ConditionNode {
        public In {
            values = List.copyOf(values);
        }
    }

    /** {@code value IS [NOT] NULL}. */
    record IsNull(Operand value, boolean negated) implements ConditionNode {
    }

    /** The comparison operators, each with its SQL spelling ({@code !=} is read as {@code <>}). */
    enum Comparator {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String sql;

        Comparator(String sql) {
            this.sql = sql;
        }

        /** How SQL writes it. */
        public String sql() {
            return sql;
        }
    }
}
