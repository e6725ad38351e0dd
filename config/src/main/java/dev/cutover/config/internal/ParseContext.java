package dev.cutover.config.internal;

import dev.cutover.config.ConfigProblem;
import dev.cutover.config.SecretResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The state of one parse: where relative paths start, how references resolve, and every problem
 * found so far. Parsing never stops at a problem; readers report and return null instead.
 * Not thread-safe: one parse, one thread.
 */
public final class ParseContext {

    private static final Comparator<ConfigProblem> FILE_ORDER = Comparator
            .comparingInt((ConfigProblem p) -> p.hasPosition() ? p.line() : Integer.MAX_VALUE)
            .thenComparingInt(ConfigProblem::column);

    private final SecretResolver resolver;
    private final Path baseDirectory;
    private final List<ConfigProblem> problems = new ArrayList<>();

    /**
     * @param resolver resolves {@code ${env:...}} and {@code ${file:...}} references
     * @param baseDirectory the configuration file's absolute directory
     */
    public ParseContext(SecretResolver resolver, Path baseDirectory) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory");
    }

    /** The configuration file's absolute directory. */
    public Path baseDirectory() {
        return baseDirectory;
    }

    /** {@code path} resolved against the configuration file's directory. */
    Path resolvePath(Path path) {
        return baseDirectory.resolve(path).normalize();
    }

    /**
     * Records a problem at {@code node}'s position.
     *
     * @param node the offending node, or null when the position is unknown
     * @param message what is wrong; must not contain secret values
     */
    public void problem(Node node, String path, String message) {
        problemAt(node == null ? null : node.getStartMark().orElse(null), path, message);
    }

    /** Records a problem at {@code mark}, or without a position when it is null. */
    void problemAt(Mark mark, String path, String message) {
        problems.add(mark == null
                ? new ConfigProblem(path, message)
                : new ConfigProblem(path, message, mark.getLine() + 1, mark.getColumn() + 1));
    }

    /** Records that {@code node} has the wrong type: {@code expected a map, got a list}. */
    void mismatch(Node node, String path, String expected) {
        problem(node, path, "expected " + expected + ", got " + Nodes.kindOf(node));
    }

    /** True once any problem has been recorded. */
    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Every problem so far, in file order (problems without a position last). */
    public List<ConfigProblem> problems() {
        return problems.stream().sorted(FILE_ORDER).toList();
    }

    /** The scalar's text with references resolved, or null after reporting why it cannot be. */
    Text text(ScalarNode node, String path) {
        return References.resolve(node, path, this, resolver);
    }
}
