package dev.cutover.config.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a reload would do, from {@link ConfigDiff#between}. A plan with any {@link #refusals()} is
 * refused as a whole: the reload changes nothing and says why. An applicable plan may still fail when
 * a changed mapping is compiled against the real schemas, which the caller does before applying it;
 * it stops removed bindings before it starts added ones, which may take over their tables.
 *
 * @param bridge the running bridge's name
 * @param restarts the bridge-level settings that differ, which only a restart applies, in file order
 * @param bindings one change per binding: the next file's in file order, then the removed ones
 */
public record ReloadPlan(String bridge, List<Refusal> restarts, List<BindingChange> bindings) {

    public ReloadPlan {
        Objects.requireNonNull(bridge, "bridge");
        restarts = List.copyOf(restarts);
        bindings = List.copyOf(bindings);
    }

    /** Every reason the reload is refused: the restarts first, then each binding's, in plan order. */
    public List<Refusal> refusals() {
        List<Refusal> all = new ArrayList<>(restarts);
        bindings.forEach(b -> all.addAll(b.refusals()));
        return List.copyOf(all);
    }

    /** True when a reload may apply this plan, as far as the configuration alone tells. */
    public boolean applicable() {
        return restarts.isEmpty() && bindings.stream().allMatch(BindingChange::applicable);
    }

    /** True when some binding is added, removed or changed. */
    public boolean changesAnything() {
        return bindings.stream().anyMatch(b -> b.kind() != BindingChange.Kind.UNCHANGED);
    }

    /** The change of the binding called {@code name}, if the plan has one. */
    public Optional<BindingChange> binding(String name) {
        return bindings.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** The plan as people read it: a summary line, the restarts, then one block per binding. */
    public List<String> lines() {
        return PlanText.lines(this);
    }

    /** The first of {@link #lines()}: what the reload does, or why it does nothing. */
    public String summary() {
        return PlanText.summary(this);
    }

    /** The plan as nested maps, lists, strings and booleans, without nulls, ready to write as JSON. */
    public Map<String, Object> toMap() {
        return PlanJson.toMap(this);
    }
}
