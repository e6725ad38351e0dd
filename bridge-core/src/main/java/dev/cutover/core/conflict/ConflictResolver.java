package dev.cutover.core.conflict;

import dev.cutover.core.event.SystemSide;
import java.util.Map;

/**
 * Decides a conflict of a two-way binding. Implement it for {@code policy: custom}: a public class
 * with a public no-argument constructor, named in {@code conflict.resolver}.
 *
 * <p>Only the arbiter's applier (the legacy side's) calls it, with the new system's change as
 * incoming and the legacy row as current; whatever it decides is written to the legacy table and
 * reaches the new table from there, so any decision converges. Decide from the two versions and
 * their {@link Conflict#source()}/{@link Conflict#target()} sides, not from the clock, so that a
 * re-delivered change is decided the same way again.
 *
 * <p>Called from apply threads, possibly concurrently, inside the apply transaction: be fast and
 * do no I/O.
 */
public interface ConflictResolver {

    /**
     * Takes the options under {@code conflict.options}; called once, before any conflict.
     *
     * @param options the configured options
     * @param target the system whose applier this instance serves (one instance per applier)
     * @throws IllegalArgumentException naming the option that is wrong
     */
    default void configure(Map<String, String> options, SystemSide target) {
    }

    /** Decides one conflict. */
    Resolution resolve(Conflict conflict);
}
