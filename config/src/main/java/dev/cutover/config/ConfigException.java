package dev.cutover.config;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A configuration file that cannot be used, with every problem found in it.
 *
 * <p>The message lists every problem, one per line, each prefixed with the file, e.g.
 * {@code cutover.yaml:14:15: bindings[0].columns.stat_cd.values: expected a map of legacy value -> new value, got a list}.
 * It never contains secret values.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<ConfigProblem> problems;

    /**
     * @param source the file the problems are in, as the user named it
     * @param problems the problems, in the order to report them; not empty
     */
    public ConfigException(String source, List<ConfigProblem> problems) {
        super(format(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    private static String format(String source, List<ConfigProblem> problems) {
        Objects.requireNonNull(source, "source");
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration exception needs at least one problem");
        }
        return problems.stream().map(p -> p.format(source)).collect(Collectors.joining("\n"));
    }

    /** The file the problems are in, as the user named it. */
    public String source() {
        return source;
    }

    /** Every problem found, never empty. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
