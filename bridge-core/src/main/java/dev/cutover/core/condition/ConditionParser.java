package dev.cutover.core.condition;

import dev.cutover.core.condition.ConditionNode.Comparator;
import dev.cutover.core.condition.Token.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a condition in a small, restricted grammar by recursive descent. Pure and thread-safe.
 *
 * <pre>
 * condition  := or
 * or         := and { OR and }
 * and        := not { AND not }
 * not        := NOT not | '(' condition ')' | predicate
 * predicate  := operand ( compare operand
 *                       | [NOT] BETWEEN operand AND operand
 *                       | [NOT] IN '(' operand { ',' operand } ')'
 *                       | IS [NOT] NULL )
 * compare    := '=' | '&lt;&gt;' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;='
 * operand    := column | number | 'string' | TRUE | FALSE | NULL
 * column     := name | "quoted name" | `quoted name`
 * </pre>
 *
 * Keywords are case-insensitive; a column named like one must be quoted. Anything else (function
 * calls, sub-queries, casts, arithmetic, {@code ||}, comments, {@code ;}) is refused with a
 * {@link ConditionException} naming the position and token.
 */
public final class ConditionParser {

    /** The forms a condition may take, for messages. */
    public static final String ALLOWED = "allowed are comparisons (= <> != < <= > >=), BETWEEN ... AND ..., [NOT] IN (...),"
            + " IS [NOT] NULL, AND, OR, NOT and parentheses, over the table's columns (\"quoted\" when need be) and literals:"
            + " integers, decimals, 'strings' (a quote in one is written '') and true, false, null";

    /** Longest condition accepted, in characters. */
    static final int MAX_LENGTH = 10_000;
    /** Deepest nesting of parentheses and NOT accepted, so a hostile condition cannot exhaust the stack. */
    static final int MAX_DEPTH = 100;

    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN", "IS", "NULL", "TRUE", "FALSE");
    private static final Set<String> QUERY_WORDS = Set.of("SELECT", "EXISTS", "FROM", "UNION", "WITH", "VALUES", "TABLE");

    private final List<Token> tokens;
    private int next;
    private int depth;

    private ConditionParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * Parses {@code text} for its form only: column names are kept as written (use this where the
     * table's columns are not known, to fail fast before asking the database).
     *
     * @throws ConditionException when the condition is blank or not in the grammar
     */
    public static RowCondition parse(String text) {
        String condition = text == null ? "" : text.strip();
        if (condition.isEmpty()) {
            throw new ConditionException("the condition is empty; leave it out to take every row", 1, "");
        }
        if (condition.length() > MAX_LENGTH) {
            throw new ConditionException("the condition is longer than " + MAX_LENGTH + " characters", MAX_LENGTH + 1, "");
        }
        ConditionParser parser = new ConditionParser(ConditionLexer.tokens(condition));
        ConditionNode root = parser.or();
        Token end = parser.peek();
        if (end.kind() != Kind.END) {
            throw parser.unexpected(end, end.kind() == Kind.RIGHT_PAREN ? "closes a parenthesis that was not opened"
                    : "expected AND, OR or the end of the condition");
        }
        return new RowCondition(condition, root);
    }

    /**
     * Parses {@code text} and resolves every column against {@code columns}, the table's columns
     * as the database spells them: a quoted name must match exactly, an unquoted one exactly or,
     * failing that, ignoring case when that picks one column.
     *
     * @param table the table's name, for messages
     * @throws ConditionException when the condition is not in the grammar or names a column the table does not have
     */
    public static RowCondition parse(String text, List<String> columns, String table) {
        return parse(text).resolve(columns, table);
    }

    /** A refusal of {@code token} at {@code position}, with why and the allowed forms. */
    static ConditionException refused(int position, String token, String why) {
        return new ConditionException("condition refused at character " + position + " ('" + token + "'): " + why + "; " + ALLOWED,
                position, token);
    }

    private ConditionNode or() {
        List<ConditionNode> parts = new ArrayList<>(List.of(and()));
        while (peek().is("OR")) {
            next++;
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new ConditionNode.Or(parts);
    }

    private ConditionNode and() {
        List<ConditionNode> parts = new ArrayList<>(List.of(not()));
        while (peek().is("AND")) {
            next++;
            parts.add(not());
        }
        return parts.size() == 1 ? parts.get(0) : new ConditionNode.And(parts);
    }

    private ConditionNode not() {
        Token t = peek();
        if (++depth > MAX_DEPTH) {
            throw refused(t.position(), t.text(), "nested deeper than " + MAX_DEPTH + " levels");
        }
        try {
            if (t.is("NOT")) {
                next++;
                return new ConditionNode.Not(not());
            }
            if (t.kind() == Kind.LEFT_PAREN) {
                next++;
                ConditionNode inner = or();
                expect(Kind.RIGHT_PAREN, "expected ')' to close the parenthesis opened at character " + t.position());
                return inner;
            }
            return predicate();
        } finally {
            depth--;
        }
    }

    private ConditionNode predicate() {
        Operand value = operand();
        Token t = take();
        if (t.kind() == Kind.OPERATOR) {
            return new ConditionNode.Comparison(value, comparator(t.text()), operand());
        }
        if (t.is("IS")) {
            boolean negated = peek().is("NOT");
            next += negated ? 1 : 0;
            Token n = take();
            if (!n.is("NULL")) {
                throw unexpected(n, "expected NULL after IS" + (negated ? " NOT" : ""));
            }
            return new ConditionNode.IsNull(value, negated);
        }
        boolean negated = t.is("NOT");
        Token keyword = negated ? take() : t;
        if (keyword.is("BETWEEN")) {
            Operand low = operand();
            Token and = take();
            if (!and.is("AND")) {
                throw unexpected(and, "expected AND between the bounds of BETWEEN");
            }
            return new ConditionNode.Between(value, low, operand(), negated);
        }
        if (keyword.is("IN")) {
            return new ConditionNode.In(value, list(), negated);
        }
        throw unexpected(keyword, "expected a comparison, [NOT] BETWEEN, [NOT] IN or IS [NOT] NULL after an operand");
    }

    private List<Operand> list() {
        expect(Kind.LEFT_PAREN, "expected '(' to open the IN list");
        List<Operand> values = new ArrayList<>(List.of(operand()));
        while (peek().kind() == Kind.COMMA) {
            next++;
            values.add(operand());
        }
        expect(Kind.RIGHT_PAREN, "expected ',' or ')' in the IN list");
        return values;
    }

    private Operand operand() {
        Token t = take();
        return switch (t.kind()) {
            case NUMBER -> new Operand.Number(new BigDecimal(t.text()));
            case STRING -> new Operand.Text(t.value());
            case QUOTED_NAME -> column(t, true);
            case WORD -> word(t);
            default -> throw unexpected(t, "expected a column or a literal");
        };
    }

    private Operand word(Token t) {
        String upper = t.text().toUpperCase(Locale.ROOT);
        if (upper.equals("TRUE") || upper.equals("FALSE")) {
            return new Operand.Bool(upper.equals("TRUE"));
        }
        if (upper.equals("NULL")) {
            return new Operand.Null();
        }
        if (peek().kind() == Kind.LEFT_PAREN) {
            throw refused(t.position(), t.text() + "(", "function calls are not allowed");
        }
        if (QUERY_WORDS.contains(upper)) {
            throw refused(t.position(), t.text(), "sub-queries are not allowed");
        }
        if (KEYWORDS.contains(upper)) {
            throw unexpected(t, "expected a column or a literal (a column named " + t.text() + " is written \"" + t.text() + "\")");
        }
        return column(t, false);
    }

    private static Operand column(Token t, boolean quoted) {
        return new Operand.Column(t.value(), quoted, t.position());
    }

    private static Comparator comparator(String op) {
        return switch (op) {
            case "=" -> Comparator.EQ;
            case "<>", "!=" -> Comparator.NE;
            case "<" -> Comparator.LT;
            case "<=" -> Comparator.LE;
            case ">" -> Comparator.GT;
            case ">=" -> Comparator.GE;
            default -> throw new IllegalStateException("not a comparison: " + op);
        };
    }

    private void expect(Kind kind, String why) {
        Token t = take();
        if (t.kind() != kind) {
            throw unexpected(t, why);
        }
    }

    private ConditionException unexpected(Token t, String why) {
        if (t.kind() == Kind.END) {
            return new ConditionException("condition refused: it ends too early (" + why + "); " + ALLOWED, t.position(), "");
        }
        return refused(t.position(), t.text(), why);
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.END) {
            next++;
        }
        return t;
    }
}
