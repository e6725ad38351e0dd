package dev.cutover.core.condition;

import java.math.BigDecimal;
import java.util.Objects;

/** A value in a {@link ConditionNode}: a column of the table or a literal. Records, immutable. */
public sealed interface Operand {

    /**
     * A column reference.
     *
     * @param name the column's name: as written until resolved against the table, then as the table spells it
     * @param quoted whether it was written as a quoted identifier (then it must match exactly)
     * @param position the 1-based character position where it was written
     */
    record Column(String name, boolean quoted, int position) implements Operand {
        public Column {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A number, integer or decimal, as an exact value. */
    record Number(BigDecimal value) implements Operand {
        public Number {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A text literal, unescaped. */
    record Text(String value) implements Operand {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code TRUE} or {@code FALSE}. */
    record Bool(boolean value) implements Operand {
    }

    /** {@code NULL}. */
    record Null() implements Operand {
    }
}
