package dev.cutover.core.condition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A condition on a table's rows in the restricted grammar of {@link ConditionParser}, e.g.
 * {@code cust_id BETWEEN 100 AND 199 AND status <> 'closed'}. Made by the parser; rendered as SQL
 * with {@link #toSql(SqlQuoting)}, every name quoted and every literal written safely, for places
 * that take SQL text and cannot bind values. Immutable and thread-safe.
 *
 * @param text the condition as given, stripped, for people
 * @param root the parsed condition
 */
public record RowCondition(String text, ConditionNode root) {

    public RowCondition {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(root, "root");
    }

    /** The columns it names, in order of first mention. */
    public Set<String> columns() {
        Set<String> names = new LinkedHashSet<>();
        ConditionTree.operands(root).forEach(o -> {
            if (o instanceof Operand.Column c) {
                names.add(c.name());
            }
        });
        return names;
    }

    /**
     * The same condition with every column spelled as in {@code columns}, the table's columns: a
     * quoted name must match one exactly; an unquoted one exactly or, failing that, ignoring case
     * when exactly one column matches so.
     *
     * @param table the table's name, for messages
     * @throws ConditionException naming the first column that is not one of the table's, where it is, and the columns
     */
    public RowCondition resolve(List<String> columns, String table) {
        return new RowCondition(text, ConditionTree.mapColumns(root, c -> new Operand.Column(spelling(c, columns, table), c.quoted(),
                c.position())));
    }

    /** The condition as SQL for the database {@code quoting} speaks, without surrounding parentheses. */
    public String toSql(SqlQuoting quoting) {
        return ConditionSql.render(root, quoting);
    }

    private static String spelling(Operand.Column c, List<String> columns, String table) {
        if (columns.contains(c.name())) {
            return c.name();
        }
        List<String> likely = new ArrayList<>();
        if (!c.quoted()) {
            columns.stream().filter(name -> name.equalsIgnoreCase(c.name())).forEach(likely::add);
            if (likely.size() == 1) {
                return likely.get(0);
            }
        }
        throw new ConditionException("condition refused at character " + c.position() + " ('" + c.name() + "'): "
                + (likely.isEmpty() ? "table " + table + " has no column " + c.name()
                        : "ambiguous between columns " + likely + " of table " + table + "; quote the one meant")
                + "; its columns are " + columns, c.position(), c.name());
    }
}
