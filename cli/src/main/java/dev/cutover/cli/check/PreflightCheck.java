package dev.cutover.cli.check;

import java.util.List;

/**
 * One group of related preflight checks, e.g. the logical decoding settings of the captured
 * PostgreSQL databases. Implementations read and never change anything; they decide themselves
 * which systems and bindings they apply to (by database kind, direction, mode) and return no
 * findings where they do not apply.
 *
 * <p>A check that throws is reported as a problem of its own by {@link Preflight}; checks should
 * rather turn what they cannot read into findings naming it.
 */
public interface PreflightCheck {

    /** A short name for the report, e.g. {@code "logical decoding"}. */
    String title();

    /**
     * Checks and returns what was found, in a stable order.
     *
     * @throws Exception when the check cannot run at all
     */
    List<Finding> run(CheckContext context) throws Exception;
}
