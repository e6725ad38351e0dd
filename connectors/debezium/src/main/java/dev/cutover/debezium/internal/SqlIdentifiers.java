package dev.cutover.debezium.internal;

/** Quoting of PostgreSQL identifiers and of names inside Debezium's regular-expression lists. */
public final class SqlIdentifiers {

    private SqlIdentifiers() {
    }

    /** {@code name} as a quoted PostgreSQL identifier: {@code "a""b"} for {@code a"b}. */
    public static String quote(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * {@code name} as a regular expression that matches exactly it: every character other than a
     * letter, digit or {@code _} is escaped with a backslash. Unlike {@code \Q...\E} quoting this
     * survives Debezium splitting its lists on commas.
     */
    public static String literalRegex(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
