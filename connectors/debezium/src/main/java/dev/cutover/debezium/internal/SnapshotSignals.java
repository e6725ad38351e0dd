package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code data} of the signals a capture sends to Debezium. Pure.
 *
 * <p>Debezium treats each name of {@code data-collections} as a regular expression over the
 * {@code schema.table} names it knows, so every character of schema and table other than a
 * letter, digit or {@code _} is escaped; the separating dot stays a dot, so that a plain name
 * also reads right when taken literally.
 */
public final class SnapshotSignals {

    /** The signal type that starts a snapshot. */
    public static final String EXECUTE_SNAPSHOT = "execute-snapshot";

    private SnapshotSignals() {
    }

    /** {@code {"data-collections": [...], "type": "incremental"}} for {@code tables}. */
    public static String incrementalSnapshotOf(List<TableId> tables) {
        String names = tables.stream()
                .map(t -> jsonString(SqlIdentifiers.literalRegex(t.schema()) + "." + SqlIdentifiers.literalRegex(t.table())))
                .collect(Collectors.joining(", "));
        return "{\"data-collections\": [" + names + "], \"type\": \"incremental\"}";
    }

    /**
     * {@code {"data-collections": [...], "type": "incremental", "additional-conditions": [...]}}: an
     * incremental snapshot of one table, of only the rows {@code filter} selects.
     *
     * @param filter an SQL condition on the table's rows, rendered from a checked condition and wrapped in parentheses
     */
    public static String incrementalSnapshotOf(TableId table, String filter) {
        String name = jsonString(SqlIdentifiers.literalRegex(table.schema()) + "." + SqlIdentifiers.literalRegex(table.table()));
        return "{\"data-collections\": [" + name + "], \"type\": \"incremental\", \"additional-conditions\": [{\"data-collection\": "
                + name + ", \"filter\": " + jsonString(filter) + "}]}";
    }

    /** {@code text} as a JSON string literal. */
    static String jsonString(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
