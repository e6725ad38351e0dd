package dev.cutover.core.condition;

import dev.cutover.core.condition.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a condition into {@link Token}s, refusing at once every character that cannot start a
 * token of the grammar: statement separators, comments, casts and operators other than
 * comparisons. Pure.
 */
final class ConditionLexer {

    private final String text;
    private int at;

    private ConditionLexer(String text) {
        this.text = text;
    }

    /** The tokens of {@code text}, ending with one {@link Kind#END}. */
    static List<Token> tokens(String text) {
        ConditionLexer lexer = new ConditionLexer(text);
        List<Token> tokens = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            tokens.add(t);
        } while (t.kind() != Kind.END);
        return tokens;
    }

    private Token next() {
        while (at < text.length() && isSpace(text.charAt(at))) {
            at++;
        }
        if (at == text.length()) {
            return new Token(Kind.END, "", "", at + 1);
        }
        char c = text.charAt(at);
        if (Character.isLetter(c) || c == '_') {
            return word();
        }
        if (isDigit(c) || (c == '.' && isDigit(peek(1))) || ((c == '-' || c == '+') && (isDigit(peek(1))
                || (peek(1) == '.' && isDigit(peek(2)))))) {
            return number();
        }
        return switch (c) {
            case '\'' -> quoted('\'', Kind.STRING, "string literal");
            case '"' -> quoted('"', Kind.QUOTED_NAME, "quoted identifier");
            case '`' -> quoted('`', Kind.QUOTED_NAME, "quoted identifier");
            case '(' -> single(Kind.LEFT_PAREN);
            case ')' -> single(Kind.RIGHT_PAREN);
            case ',' -> single(Kind.COMMA);
            case '=', '<', '>', '!' -> comparison();
            default -> throw refusal(c);
        };
    }

    private Token word() {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        String w = text.substring(start, at);
        return new Token(Kind.WORD, w, w, start + 1);
    }

    private Token number() {
        int start = at;
        if (text.charAt(at) == '-' || text.charAt(at) == '+') {
            at++;
        }
        while (at < text.length() && isDigit(text.charAt(at))) {
            at++;
        }
        if (at < text.length() && text.charAt(at) == '.') {
            at++;
            while (at < text.length() && isDigit(text.charAt(at))) {
                at++;
            }
        }
        String n = text.substring(start, at);
        if (at < text.length() && (Character.isLetter(text.charAt(at)) || text.charAt(at) == '_')) {
            // 1e3, 0x1F, 12abc: exponents and radix prefixes are not part of the grammar.
            throw ConditionParser.refused(start + 1, text.substring(start, wordEnd(at)), "a number is digits with an optional"
                    + " sign and decimal point, without exponent or suffix");
        }
        return new Token(Kind.NUMBER, n, n, start + 1);
    }

    private int wordEnd(int from) {
        int end = from;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return end;
    }

    /** A literal or identifier in {@code quote}s, where a doubled quote stands for one. */
    private Token quoted(char quote, Kind kind, String what) {
        int start = at;
        StringBuilder value = new StringBuilder();
        at++;
        while (true) {
            if (at == text.length()) {
                throw ConditionParser.refused(start + 1, text.substring(start), "unterminated " + what
                        + " (a " + quote + " inside it is written twice)");
            }
            char c = text.charAt(at++);
            if (c == '\0') {
                throw ConditionParser.refused(start + 1, text.substring(start, at - 1), what + " contains a NUL character");
            }
            if (c == quote) {
                if (at < text.length() && text.charAt(at) == quote) {
                    at++;
                } else {
                    break;
                }
            }
            value.append(c);
        }
        if (kind == Kind.QUOTED_NAME && value.isEmpty()) {
            throw ConditionParser.refused(start + 1, text.substring(start, at), "an empty quoted identifier names no column");
        }
        return new Token(kind, text.substring(start, at), value.toString(), start + 1);
    }

    private Token single(Kind kind) {
        at++;
        return new Token(kind, text.substring(at - 1, at), text.substring(at - 1, at), at);
    }

    private Token comparison() {
        int start = at;
        char c = text.charAt(at);
        char n = peek(1);
        boolean two = (c == '<' && (n == '=' || n == '>')) || (c == '>' && n == '=') || (c == '!' && n == '=');
        if (c == '!' && !two) {
            throw refusal(c);
        }
        if (c == '<' && n == '=' && peek(2) == '>') {
            throw ConditionParser.refused(start + 1, "<=>", "operator '<=>' is not allowed; use IS NULL or =");
        }
        at += two ? 2 : 1;
        String op = text.substring(start, at);
        return new Token(Kind.OPERATOR, op, op, start + 1);
    }

    private ConditionException refusal(char c) {
        int pos = at + 1;
        String two = text.substring(at, Math.min(text.length(), at + 2));
        if (c == ';') {
            return ConditionParser.refused(pos, ";", "statement separators (';') are not allowed");
        }
        if (two.equals("--") || two.equals("/*") || c == '#') {
            return ConditionParser.refused(pos, c == '#' ? "#" : two, "comments are not allowed");
        }
        if (two.equals("::")) {
            return ConditionParser.refused(pos, two, "casts are not allowed");
        }
        if (two.equals("||")) {
            return ConditionParser.refused(pos, two, "operator '||' is not allowed");
        }
        if ("+-*/%^&|~@?:$\\[]{}!".indexOf(c) >= 0) {
            return ConditionParser.refused(pos, String.valueOf(c), "operator '" + c + "' is not allowed (no arithmetic, casts"
                    + " or other operators)");
        }
        return ConditionParser.refused(pos, String.valueOf(c), "character U+" + String.format("%04X", (int) c)
                + " is not allowed here");
    }

    private char peek(int ahead) {
        return at + ahead < text.length() ? text.charAt(at + ahead) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
