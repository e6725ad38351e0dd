package dev.cutover.config.diff;

import dev.cutover.config.BindingOptions;
import dev.cutover.config.BridgeConfig;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the configuration a bridge runs with the one a reload would load. Pure: whether a changed
 * mapping fits the real tables is left to compiling it against their schemas.
 */
public final class ConfigDiff {

    private static final String RENAMING = "renaming a binding starts it anew";

    private ConfigDiff() {
    }

    /**
     * What reloading {@code next} over {@code running} would do: the bridge-level settings that need a
     * restart, and one {@link BindingChange} per binding matched by name, those of {@code next} in file
     * order first, then the removed ones in running order.
     */
    public static ReloadPlan between(BridgeConfig running, BridgeConfig next) {
        TableClaims claims = new TableClaims(running, next);
        List<BindingOptions> added = onlyIn(next, running);
        List<BindingOptions> removed = onlyIn(running, next);
        List<BindingChange> bindings = new ArrayList<>();
        for (BindingOptions binding : next.bindings()) {
            bindings.add(running.binding(binding.name()).map(was -> changed(was, binding, claims))
                    .orElseGet(() -> added(binding, removed, claims)));
        }
        removed.stream().map(was -> removed(was, added)).forEach(bindings::add);
        return new ReloadPlan(running.name(), RestartFields.differences(running, next), bindings);
    }

    private static BindingChange changed(BindingOptions running, BindingOptions next, TableClaims claims) {
        List<SettingChange> changes = BindingDiff.changes(running, next);
        if (changes.isEmpty()) {
            return new BindingChange(next.name(), BindingChange.Kind.UNCHANGED, running, next, changes, null, "", List.of(),
                    List.of());
        }
        Set<Aspect> aspects = EnumSet.noneOf(Aspect.class);
        changes.forEach(c -> aspects.add(c.aspect()));
        Switch directionSwitch = aspects.contains(Aspect.DIRECTION) ? SwitchRules.classify(running, next, aspects) : null;
        List<Refusal> refusals = new ArrayList<>();
        if (directionSwitch != null && !directionSwitch.allowed()) {
            refusals.add(new Refusal(next.path() + ".direction", directionSwitch.refusal()));
        }
        if (aspects.contains(Aspect.TABLES)) {
            refusals.addAll(claims.check(next));
        }
        return new BindingChange(next.name(), BindingChange.Kind.CHANGED, running, next, changes, directionSwitch,
                Effects.changed(running, next, aspects, directionSwitch), refusals, List.of());
    }

    private static BindingChange added(BindingOptions binding, List<BindingOptions> removed, TableClaims claims) {
        List<String> notes = sameTables(binding, removed)
                .map(was -> "takes over from " + was.name() + ", removed: " + RENAMING).stream().toList();
        return new BindingChange(binding.name(), BindingChange.Kind.ADDED, null, binding, List.of(), null,
                Effects.added(binding), claims.check(binding), notes);
    }

    private static BindingChange removed(BindingOptions binding, List<BindingOptions> added) {
        List<String> notes = sameTables(binding, added).map(now -> "renamed to " + now.name() + ": " + RENAMING).stream()
                .toList();
        return new BindingChange(binding.name(), BindingChange.Kind.REMOVED, binding, null, List.of(), null,
                Effects.removed(binding), List.of(), notes);
    }

    /** The bindings of {@code config} that {@code other} has no binding of the same name for, in file order. */
    private static List<BindingOptions> onlyIn(BridgeConfig config, BridgeConfig other) {
        return config.bindings().stream().filter(b -> other.binding(b.name()).isEmpty()).toList();
    }

    /** The binding among {@code others} over the same two tables as {@code binding}, if any. */
    private static Optional<BindingOptions> sameTables(BindingOptions binding, List<BindingOptions> others) {
        return others.stream().filter(o -> o.legacyTable().equals(binding.legacyTable())
                && o.newTable().equals(binding.newTable())).findFirst();
    }
}
