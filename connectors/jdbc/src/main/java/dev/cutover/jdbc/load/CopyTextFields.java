package dev.cutover.jdbc.load;

import java.nio.charset.StandardCharsets;

/**
 * The fields of one row in PostgreSQL's {@code COPY ... TO STDOUT} text format, as byte ranges of
 * the line: fields are separated by tab bytes (a tab inside a value is written {@code \t}, and no
 * byte of a multi-byte UTF-8 character is a tab), the line ends with a newline. Reused from row
 * to row of one reader; not thread-safe.
 */
final class CopyTextFields {

    private final int[] starts;
    private final int[] ends;
    private byte[] line;

    CopyTextFields(int fields) {
        this.starts = new int[fields];
        this.ends = new int[fields];
    }

    /**
     * Splits {@code row} into its fields.
     *
     * @throws UnreadableTextException when the row does not have the expected number of fields
     */
    void split(byte[] row) throws UnreadableTextException {
        int length = row.length > 0 && row[row.length - 1] == '\n' ? row.length - 1 : row.length;
        int field = 0;
        starts[0] = 0;
        for (int i = 0; i < length; i++) {
            if (row[i] == '\t') {
                if (field + 1 == starts.length) {
                    throw new UnreadableTextException("a row has more than " + starts.length + " fields");
                }
                ends[field++] = i;
                starts[field] = i + 1;
            }
        }
        if (field + 1 != starts.length) {
            throw new UnreadableTextException("a row has " + (field + 1) + " fields, not " + starts.length);
        }
        ends[field] = length;
        this.line = row;
    }

    int start(int field) {
        return starts[field];
    }

    int end(int field) {
        return ends[field];
    }

    int length(int field) {
        return ends[field] - starts[field];
    }

    /** True when {@code field} is SQL null ({@code \N}). */
    boolean isNull(int field) {
        return length(field) == 2 && line[starts[field]] == '\\' && line[starts[field] + 1] == 'N';
    }

    /** The text of {@code field} with COPY's backslash escapes undone. */
    String text(int field) throws UnreadableTextException {
        String raw = new String(line, starts[field], length(field), StandardCharsets.UTF_8);
        return raw.indexOf('\\') < 0 ? raw : unescape(raw);
    }

    /** Undoes the escapes COPY TO writes: {@code \b \f \n \r \t \v} and a backslash before any other character. */
    static String unescape(String raw) throws UnreadableTextException {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i == raw.length()) {
                throw new UnreadableTextException("a field ends in a lone backslash");
            }
            char e = raw.charAt(i);
            switch (e) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                default -> {
                    // COPY TO writes no octal or hex escapes; they would stand for bytes of the encoding, not characters
                    if ((e >= '0' && e <= '7') || e == 'x') {
                        throw new UnreadableTextException("a field holds the byte escape \\" + e);
                    }
                    out.append(e);
                }
            }
        }
        return out.toString();
    }
}
