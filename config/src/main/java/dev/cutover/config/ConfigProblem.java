package dev.cutover.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration file.
 *
 * <p>Messages never contain secret values: values that come from references are quoted as the
 * file spells them ({@code ${env:NAME}}), and sensitive keys are never quoted at all.
 *
 * @param path where the problem is, e.g. {@code bindings[0].columns.stat_cd.values}; empty for the
 *     whole file
 * @param message what is wrong and what is allowed
 * @param line 1-based line in the file, or 0 when unknown
 * @param column 1-based column in the file, or 0 when unknown
 */
public record ConfigProblem(String path, String message, int line, int column) {

    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must not be negative, got " + line + ":" + column);
        }
    }

    /** A problem without a position in the file. */
    public ConfigProblem(String path, String message) {
        this(path, message, 0, 0);
    }

    /** True when {@link #line()} and {@link #column()} point into the file. */
    public boolean hasPosition() {
        return line > 0;
    }

    /**
     * Formats the problem as {@code source:line:column: path: message}, leaving out the position
     * when unknown and the path when empty.
     */
    public String format(String source) {
        StringBuilder out = new StringBuilder(source);
        if (hasPosition()) {
            out.append(':').append(line).append(':').append(column);
        }
        out.append(": ");
        if (!path.isEmpty()) {
            out.append(path).append(": ");
        }
        return out.append(message).toString();
    }
}
