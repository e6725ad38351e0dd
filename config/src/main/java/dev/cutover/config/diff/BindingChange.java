package dev.cutover.config.diff;

import dev.cutover.config.BindingOptions;
import java.util.List;
import java.util.Objects;

/**
 * What a reload does to one binding, matched by name between the running configuration and the next.
 *
 * @param name the binding's name
 * @param kind added, removed, changed or unchanged
 * @param running the binding as it runs; null when {@link Kind#ADDED}
 * @param next the binding as the next file has it; null when {@link Kind#REMOVED}
 * @param changes what differs, direction first; empty unless {@link Kind#CHANGED}
 * @param directionSwitch the direction change, or null when the direction stays
 * @param effect what the reload does to the binding, e.g. {@code takes effect at the next batch
 *     boundary}; empty when unchanged
 * @param refusals why the reload cannot apply this binding's change; empty when it can
 * @param notes what the reader should know, e.g. that renaming a binding starts it anew
 */
public record BindingChange(String name, Kind kind, BindingOptions running, BindingOptions next, List<SettingChange> changes,
        Switch directionSwitch, String effect, List<Refusal> refusals, List<String> notes) {

    /** How a binding fares in a reload. */
    public enum Kind {
        /** Only in the next file: it starts. */
        ADDED("added"),
        /** Only in the running configuration: it stops. */
        REMOVED("removed"),
        /** In both, with {@link BindingChange#changes()} differing. */
        CHANGED("changed"),
        /** The same in both. */
        UNCHANGED("unchanged");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name shown in plans. */
        public String label() {
            return label;
        }
    }

    public BindingChange {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(effect, "effect");
        if ((running == null) != (kind == Kind.ADDED) || (next == null) != (kind == Kind.REMOVED)) {
            throw new IllegalArgumentException("a binding " + kind.label() + " has "
                    + (running == null ? "no" : "a") + " running and " + (next == null ? "no" : "a") + " next configuration");
        }
        changes = List.copyOf(changes);
        if (changes.isEmpty() == (kind == Kind.CHANGED)) {
            throw new IllegalArgumentException("only a changed binding lists changes, and it lists at least one");
        }
        refusals = List.copyOf(refusals);
        notes = List.copyOf(notes);
    }

    /** True when the reload can apply this binding's change, as far as the configuration alone tells. */
    public boolean applicable() {
        return refusals.isEmpty();
    }

    /** True when the direction changes. */
    public boolean switches() {
        return directionSwitch != null;
    }
}
