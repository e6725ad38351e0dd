package dev.cutover.core.condition;

/**
 * One token of a condition.
 *
 * @param kind what it is
 * @param text the token as written, for messages
 * @param value the identifier or string it denotes, unquoted; the text for other kinds
 * @param position the 1-based character position of its first character
 */
record Token(Kind kind, String text, String value, int position) {

    enum Kind { WORD, QUOTED_NAME, NUMBER, STRING, OPERATOR, LEFT_PAREN, RIGHT_PAREN, COMMA, END }

    /** True for an unquoted word equal to {@code keyword}, ignoring case. */
    boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    /** How messages show it. */
    String shown() {
        return kind == Kind.END ? "the end of the condition" : "'" + text + "'";
    }
}
