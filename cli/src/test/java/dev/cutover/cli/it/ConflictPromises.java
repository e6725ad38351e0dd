package dev.cutover.cli.it;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What each conflict policy promises about its decisions, written down from the policies'
 * documentation and checked against the documents {@code ConflictDesk.show} returns (target, kind,
 * decision, incoming before/after, current, resolution). Systems are named by their labels,
 * {@code legacy} and {@code new}.
 */
final class ConflictPromises {

    /** One policy's promise: why a conflict document breaks it, or null when it keeps it. */
    @FunctionalInterface
    interface Promise {
        String breach(Map<String, Object> conflict);
    }

    private ConflictPromises() {
    }

    /** legacy-wins / new-wins: the winner's version stays, whatever the kind. */
    static Promise sideWins(String winner) {
        return c -> expect(c, decisionFor(winner, c), winner + "-wins");
    }

    /**
     * newest-wins: when both versions carry the ordering column, the one with the greater value
     * stays; a tie, a delete or a missing row goes to the fallback.
     *
     * @param columnByTarget the ordering column's name in each system's terms
     */
    static Promise newestWins(Map<String, String> columnByTarget, String fallback) {
        return c -> {
            String column = columnByTarget.get(target(c));
            Object incoming = valueOf(after(c), column);
            Object current = valueOf(map(c, "current"), column);
            if (incoming == null || current == null) {
                return expect(c, decisionFor(fallback, c), "newest-wins without two versions to order (fallback " + fallback + ")");
            }
            int order = LocalDateTime.parse(incoming.toString()).compareTo(LocalDateTime.parse(current.toString()));
            String winner = order > 0 ? source(c) : order < 0 ? target(c) : fallback;
            return expect(c, decisionFor(winner, c), "newest-wins on " + column + " (" + incoming + " incoming vs "
                    + current + " current)");
        };
    }

    /**
     * merge: on two updates of one row, a column changed on one side only takes that side's value,
     * a column changed on both to different values the fallback's; the decision says which of the
     * two versions the merged row is (or that it is neither). Other kinds go to the fallback whole.
     */
    static Promise merge(String fallback) {
        return c -> {
            Map<String, Object> before = incoming(c).get("before") instanceof Map<?, ?> m ? cast(m) : null;
            if (!"update_changed".equals(c.get("kind")) || before == null) {
                return expect(c, decisionFor(fallback, c), "merge of a " + c.get("kind") + " (fallback " + fallback + ")");
            }
            Map<String, Object> after = after(c);
            Map<String, Object> current = map(c, "current");
            Map<String, Object> merged = new LinkedHashMap<>();
            for (Map.Entry<String, Object> column : after.entrySet()) {
                String name = column.getKey();
                if (!current.containsKey(name) || !before.containsKey(name)) {
                    return "merge: column " + name + " is missing from the current row or the before image: " + c;
                }
                Object theirs = column.getValue();
                Object ours = current.get(name);
                Object was = before.get(name);
                boolean changedThere = !Objects.equals(theirs, was);
                boolean changedHere = !Objects.equals(ours, was);
                merged.put(name, Objects.equals(theirs, ours) || !changedThere ? ours
                        : !changedHere ? theirs : fallback.equals(source(c)) ? theirs : ours);
            }
            String expected = sameValues(merged, current) ? "kept_current" : merged.equals(after) ? "applied_incoming" : "wrote_row";
            return expect(c, expected, "merge to " + merged);
        };
    }

    /** manual: every conflict waited for a person, who chose {@code chosen}'s version. */
    static Promise manualResolvedWith(String chosen) {
        return c -> {
            if (!(c.get("resolution") instanceof Map<?, ?> resolution)) {
                return "manual: conflict " + c.get("id") + " was never resolved by a person (decision " + c.get("decision")
                        + ", open " + c.get("open") + "): " + c;
            }
            return Objects.equals(resolution.get("decision"), decisionFor(chosen, c)) ? null
                    : "manual: the person chose " + chosen + " but the resolution was " + resolution.get("decision") + ": " + c;
        };
    }

    /** The decision that leaves {@code winner}'s version at the conflict's target. */
    private static String decisionFor(String winner, Map<String, Object> conflict) {
        return winner.equals(source(conflict)) ? "applied_incoming" : "kept_current";
    }

    private static String expect(Map<String, Object> conflict, String decision, String rule) {
        return decision.equals(conflict.get("decision")) ? null
                : rule + " promises " + decision + " but the decision was " + conflict.get("decision") + ": " + conflict;
    }

    /** True when every column of {@code row} holds the same value in {@code other}. */
    private static boolean sameValues(Map<String, Object> row, Map<String, Object> other) {
        return row.entrySet().stream().allMatch(e -> Objects.equals(e.getValue(), other.get(e.getKey())));
    }

    private static String target(Map<String, Object> conflict) {
        return (String) conflict.get("target");
    }

    private static String source(Map<String, Object> conflict) {
        return "legacy".equals(target(conflict)) ? "new" : "legacy";
    }

    private static Map<String, Object> incoming(Map<String, Object> conflict) {
        return map(conflict, "incoming");
    }

    private static Map<String, Object> after(Map<String, Object> conflict) {
        return incoming(conflict).get("after") instanceof Map<?, ?> m ? cast(m) : null;
    }

    private static Object valueOf(Map<String, Object> row, String column) {
        return row == null ? null : row.get(column);
    }

    private static Map<String, Object> map(Map<String, Object> doc, String field) {
        return doc.get(field) instanceof Map<?, ?> m ? cast(m) : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
