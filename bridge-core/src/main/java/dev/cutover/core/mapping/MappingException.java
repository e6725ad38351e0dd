package dev.cutover.core.mapping;

import java.util.List;

/**
 * A mapping could not be compiled, or a row could not be mapped.
 *
 * <p>Compilation reports every problem it found at once; a failed row reports the one column
 * that failed. The message lists the problems, each with its location, one per line when there
 * are several.
 */
public class MappingException extends Exception {

    private final List<MappingProblem> problems;

    /**
     * @param summary what could not be done, e.g. naming the binding's tables or the event
     * @param problems why; never empty
     */
    public MappingException(String summary, List<MappingProblem> problems) {
        this(summary, problems, null);
    }

    /**
     * @param summary what could not be done, e.g. naming the binding's tables or the event
     * @param problems why; never empty
     * @param cause the underlying failure, or null
     */
    public MappingException(String summary, List<MappingProblem> problems, Throwable cause) {
        super(format(summary, problems), cause);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a mapping exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    private static String format(String summary, List<MappingProblem> problems) {
        if (problems.size() == 1) {
            return summary + ": " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder(summary).append(" (").append(problems.size()).append(" problems):");
        for (MappingProblem p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }

    /** The problems, in the order they were found; never empty. */
    public List<MappingProblem> problems() {
        return problems;
    }
}
