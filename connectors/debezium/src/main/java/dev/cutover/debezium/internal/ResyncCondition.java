package dev.cutover.debezium.internal;

/**
 * Checks the SQL condition of a resync before it is handed to Debezium, which pastes it into its
 * chunk queries as it is. Pure.
 *
 * <p>The condition is meant to be a boolean expression over the captured table's columns, e.g.
 * {@code cust_id BETWEEN 100 AND 199}. Rejected: statement separators ({@code ;}), comments
 * ({@code --}, {@code /*}, {@code #}) and parentheses that do not balance outside string literals,
 * any of which could make the text more than one expression inside the parentheses it is wrapped
 * in. This is a guard against mistakes, not a sandbox: whoever may request a resync may run SELECT
 * conditions with the capture's credentials.
 */
public final class ResyncCondition {

    private ResyncCondition() {
    }

    /**
     * The condition ready for Debezium's {@code additional-conditions}: trimmed and wrapped in
     * parentheses, so that Debezium's {@code AND} with its chunk bounds binds the whole of it.
     *
     * @throws IllegalArgumentException naming what is wrong with the condition
     */
    public static String wrap(String condition) {
        String c = condition == null ? "" : condition.strip();
        if (c.isEmpty()) {
            throw new IllegalArgumentException("the resync condition is empty; leave it out to re-copy the whole table");
        }
        for (String banned : new String[] {";", "--", "/*", "*/", "#"}) {
            if (c.contains(banned)) {
                throw new IllegalArgumentException("the resync condition must be a single SQL expression without '" + banned
                        + "' (statement separators and comments are not allowed): " + c);
            }
        }
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && ch == '(') {
                depth++;
            } else if (!quoted && ch == ')' && --depth < 0) {
                throw new IllegalArgumentException("the resync condition closes a parenthesis it did not open (at character "
                        + (i + 1) + "): " + c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("the resync condition has an unterminated string literal: " + c);
        }
        if (depth != 0) {
            throw new IllegalArgumentException("the resync condition leaves " + depth + " parenthesis(es) open: " + c);
        }
        return "(" + c + ")";
    }
}
