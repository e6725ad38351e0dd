package dev.cutover.core.condition;

/**
 * A condition that is not in the restricted grammar of {@link ConditionParser}, or names a column
 * the table does not have. The message names the character position (1-based), the offending
 * token and, for a grammar problem, the forms that are allowed.
 */
public final class ConditionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int position;
    private final String token;

    ConditionException(String message, int position, String token) {
        super(message);
        this.position = position;
        this.token = token;
    }

    /** The 1-based character position of the offending token in the condition as given. */
    public int position() {
        return position;
    }

    /** The offending token as written, or an empty string at the end of the condition. */
    public String token() {
        return token;
    }
}
