package dev.cutover.jdbc.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Picks the names that look like a misspelt one, for "did you mean" messages. Stateless. */
public final class SimilarNames {

    private static final int MAX_SUGGESTIONS = 5;

    private SimilarNames() {
    }

    /**
     * The candidates similar to {@code wanted}, closest first (then nearest in length), at most five: equal ignoring case,
     * containing or contained in it (3 characters or more), or within an edit distance of a third of its length (at least 2).
     */
    public static List<String> rank(String wanted, List<String> candidates) {
        String target = wanted.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, target.length() / 3);
        record Scored(String name, int score, int lengthDifference) {
        }
        return candidates.stream()
                .map(name -> new Scored(name, score(target, name.toLowerCase(Locale.ROOT)), Math.abs(name.length() - target.length())))
                .filter(s -> s.score() <= limit)
                .sorted(Comparator.comparingInt(Scored::score).thenComparingInt(Scored::lengthDifference).thenComparing(Scored::name))
                .limit(MAX_SUGGESTIONS)
                .map(Scored::name)
                .toList();
    }

    /** 0 for a case-insensitive match, 1 for containment either way (of 3 characters or more), else the edit distance. */
    private static int score(String target, String candidate) {
        if (target.equals(candidate)) {
            return 0;
        }
        boolean longEnough = Math.min(target.length(), candidate.length()) >= 3;
        if (longEnough && (candidate.contains(target) || target.contains(candidate))) {
            return 1;
        }
        return distance(target, candidate);
    }

    /** Levenshtein distance over two rows. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
