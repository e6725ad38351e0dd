package dev.cutover.config.diff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link ReloadPlan} as nested maps for the HTTP endpoint; keys in a stable order, no nulls. */
final class PlanJson {

    private PlanJson() {
    }

    static Map<String, Object> toMap(ReloadPlan plan) {
        return ordered("bridge", plan.bridge(), "applicable", plan.applicable(), "summary", plan.summary(),
                "restarts", refusals(plan.restarts()), "bindings", plan.bindings().stream().map(PlanJson::binding).toList());
    }

    private static Map<String, Object> binding(BindingChange binding) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", binding.name());
        out.put("kind", binding.kind().label());
        out.put("effect", binding.effect());
        out.put("changes", binding.changes().stream()
                .map(c -> ordered("aspect", c.aspect().label(), "path", c.path(), "detail", c.detail())).toList());
        if (binding.switches()) {
            out.put("switch", directionSwitch(binding.directionSwitch()));
        }
        out.put("refusals", refusals(binding.refusals()));
        out.put("notes", binding.notes());
        return out;
    }

    private static Map<String, Object> directionSwitch(Switch s) {
        return ordered("from", s.from().label(), "to", s.to().label(), "allowed", s.allowed(), "reason", s.reason(),
                "steps", s.steps().stream().map(SwitchStep::label).toList(), "needsInvertibleMapping", s.needsInvertibleMapping());
    }

    private static List<Map<String, Object>> refusals(List<Refusal> refusals) {
        return refusals.stream().map(r -> ordered("path", r.path(), "reason", r.reason())).toList();
    }

    /** A map of {@code keysAndValues}, alternating, in that order. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
