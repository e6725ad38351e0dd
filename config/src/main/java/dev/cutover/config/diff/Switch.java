package dev.cutover.config.diff;

import dev.cutover.core.binding.Direction;
import dev.cutover.core.event.SystemSide;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A binding's change of direction, run by the bridge as a guarded switch, or refused.
 *
 * @param from the running direction
 * @param to the direction of the next configuration; differs from {@code from}
 * @param steps what the switch does, in order; empty when refused
 * @param refusal why the switch is refused, or null when it is allowed
 */
public record Switch(Direction from, Direction to, List<SwitchStep> steps, String refusal) {

    public Switch {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from == to) {
            throw new IllegalArgumentException("a switch needs two different directions, got " + from.label() + " twice");
        }
        steps = List.copyOf(steps);
        if (steps.isEmpty() == (refusal == null)) {
            throw new IllegalArgumentException("a switch has either steps or a refusal");
        }
    }

    /** An allowed switch running {@code steps}. */
    static Switch allowed(Direction from, Direction to, List<SwitchStep> steps) {
        return new Switch(from, to, steps, null);
    }

    /** A switch refused for {@code reason}. */
    static Switch refused(Direction from, Direction to, String reason) {
        return new Switch(from, to, List.of(), reason);
    }

    /** True when the bridge may run this switch. */
    public boolean allowed() {
        return refusal == null;
    }

    /** The steps as a comma-separated list when allowed, otherwise why not. */
    public String reason() {
        return allowed() ? steps.stream().map(SwitchStep::label).collect(Collectors.joining(", ")) : refusal;
    }

    /**
     * True when the new direction writes the legacy table, so its mapping must be invertible; only
     * compiling it against the real schemas tells, which the caller does before switching.
     */
    public boolean needsInvertibleMapping() {
        return to.targets().contains(SystemSide.LEGACY);
    }

    /** {@code from -> to}, with the labels used in configuration files. */
    public String label() {
        return from.label() + " -> " + to.label();
    }
}
