package dev.cutover.core.conflict;

import dev.cutover.core.event.SystemSide;
import java.util.Map;

/**
 * Decides a conflict of a two-way binding. Implement it for {@code policy: custom}: a public class
 * with a public no-argument constructor, named in {@code conflict.resolver}.
 *
 * <p>Both appliers of a two-way binding meet the same concurrent pair of changes, each from its
 * own side: the one writing the new system sees the legacy change as incoming and the new row as
 * current, the other the reverse. A resolver must decide both the same way (the same winning
 * version, or the same merged row) or the databases will not converge. Deciding from the two
 * versions and their {@link Conflict#source()}/{@link Conflict#target()} sides, never from which
 * applier runs first or from the clock, gives that.
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
