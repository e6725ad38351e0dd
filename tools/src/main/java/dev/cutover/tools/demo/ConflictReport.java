package dev.cutover.tools.demo;

import dev.cutover.runtime.http.ConflictQueries;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Prints recorded conflicts for people: where, which key, both versions, what was decided and why. */
final class ConflictReport {

    private ConflictReport() {
    }

    /**
     * The conflicts of {@code binding} on the row whose (single-column) key is {@code key}, at
     * either system, oldest first.
     */
    static List<Map<String, Object>> ofKey(ConflictQueries conflicts, String binding, String key) {
        // Each system names the key column its own way: {code=P0001} at the new one, {prod_cd=P0001} at the legacy one.
        Pattern keyForm = Pattern.compile("\\{\\w+=" + Pattern.quote(key) + "}");
        List<Map<String, Object>> found = new ArrayList<>(conflicts.list(false, binding).stream()
                .filter(c -> keyForm.matcher(String.valueOf(c.get("key"))).matches())
                .toList());
        Collections.reverse(found);
        return found;
    }

    /** Prints each conflict's details, indented. */
    static void print(ConflictQueries conflicts, List<Map<String, Object>> summaries, PrintStream out) {
        for (Map<String, Object> summary : summaries) {
            Map<String, Object> c = conflicts.show((String) summary.get("id")).orElse(summary);
            String target = (String) c.get("target");
            @SuppressWarnings("unchecked")
            Map<String, Object> incoming = (Map<String, Object>) c.get("incoming");
            String from = incoming == null ? "other" : (String) incoming.get("from");
            out.printf("  at the %s database (conflict %s): %s, key %s%n", target, c.get("id"), c.get("kind"), c.get("key"));
            out.printf("      incoming %-7s version: %s%n", from, incoming == null ? "?" : rowOrDeleted(incoming.get("after")));
            out.printf("      current  %-7s version: %s%n", target, rowOrDeleted(c.get("current")));
            out.printf("      decided %s: %s%n", c.get("decision"), c.getOrDefault("reason", "(no reason recorded)"));
        }
        out.flush();
    }

    private static String rowOrDeleted(Object row) {
        return row == null ? "(no row)" : row.toString();
    }
}
