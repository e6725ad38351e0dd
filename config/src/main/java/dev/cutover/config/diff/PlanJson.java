package dev.cutover.config.diff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link ReloadPlan} as nested maps for the HTTP endpoint; keys in a stable order, no nulls. */
final class PlanJson {

    private PlanJson() {
    }

    static Map<String, Object> toMap(ReloadPlan plan) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bridge", plan.bridge());
        out.put("applicable", plan.applicable());
        out.put("summary", plan.summary());
        out.put("restarts", refusals(plan.restarts()));
        out.put("bindings", plan.bindings().stream().map(PlanJson::binding).toList());
        return out;
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
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", s.from().label());
        out.put("to", s.to().label());
        out.put("allowed", s.allowed());
        out.put("reason", s.reason());
        out.put("steps", s.steps().stream().map(SwitchStep::label).toList());
        out.put("needsInvertibleMapping", s.needsInvertibleMapping());
        return out;
    }

    private static List<Map<String, Object>> refusals(List<Refusal> refusals) {
        return refusals.stream().map(r -> ordered("path", r.path(), "reason", r.reason())).toList();
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2, Object... more) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(k1, v1);
        out.put(k2, v2);
        for (int i = 0; i < more.length; i += 2) {
            out.put((String) more[i], more[i + 1]);
        }
        return out;
    }
}
