package dev.cutover.config.diff;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.binding.Direction;
import java.util.List;
import java.util.Set;

/**
 * Which direction changes the bridge runs as a guarded switch, and with which steps. Every pair of
 * directions is allowed for a streamed binding; refused are a batch binding becoming two-way (two-way
 * only streams) and a direction change together with a table or mode change, because a switch that
 * fails half-way must leave one known configuration behind.
 */
final class SwitchRules {

    private SwitchRules() {
    }

    /** The switch from {@code running}'s direction to {@code next}'s, given the other aspects that change with it. */
    static Switch classify(BindingOptions running, BindingOptions next, Set<Aspect> alsoChanging) {
        Direction from = running.direction();
        Direction to = next.direction();
        if (running.batched() && to == Direction.TWO_WAY) {
            return Switch.refused(from, to, "a batch binding cannot become two-way, which only streams: "
                    + "first change the mode to stream, then the direction");
        }
        if (alsoChanging.contains(Aspect.TABLES)) {
            return Switch.refused(from, to, "change one thing at a time: first the tables, then the direction");
        }
        if (alsoChanging.contains(Aspect.MODE)) {
            return Switch.refused(from, to, "change one thing at a time: first the mode, then the direction");
        }
        return Switch.allowed(from, to, steps(from, to));
    }

    private static List<SwitchStep> steps(Direction from, Direction to) {
        if (to == Direction.NONE) {
            return List.of(SwitchStep.DRAIN, SwitchStep.STOP);
        }
        if (from == Direction.NONE) {
            return to == Direction.TWO_WAY ? List.of(SwitchStep.VERIFY, SwitchStep.KEYS, SwitchStep.START)
                    : List.of(SwitchStep.LOAD, SwitchStep.START);
        }
        if (to == Direction.TWO_WAY) {
            return List.of(SwitchStep.DRAIN, SwitchStep.VERIFY, SwitchStep.KEYS, SwitchStep.SWITCH);
        }
        if (from == Direction.TWO_WAY) {
            return List.of(SwitchStep.DRAIN, SwitchStep.SWITCH);
        }
        // One way to the other: the side that took the changes starts taking its application's inserts.
        return List.of(SwitchStep.DRAIN, SwitchStep.VERIFY, SwitchStep.KEYS, SwitchStep.SWITCH);
    }
}
