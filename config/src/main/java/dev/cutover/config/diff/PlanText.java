package dev.cutover.config.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a {@link ReloadPlan} for {@code cutover plan --url} and {@code cutover reload}: a summary,
 * the settings that need a restart, then one block per binding whose first line is the name padded to
 * a column and what happens, and whose further lines (refusals, notes) are indented to that column.
 */
final class PlanText {

    private PlanText() {
    }

    static List<String> lines(ReloadPlan plan) {
        List<String> lines = new ArrayList<>();
        lines.add(summary(plan));
        plan.restarts().forEach(r -> lines.add(r.toString()));
        int column = plan.bindings().stream().mapToInt(b -> b.name().length()).max().orElse(0) + 2;
        String indent = " ".repeat(column);
        for (BindingChange binding : plan.bindings()) {
            lines.add(binding.name() + " ".repeat(column - binding.name().length()) + head(binding));
            binding.refusals().forEach(r -> lines.add(indent + "refused: " + r.reason() + " (" + r.path() + ")"));
            binding.notes().forEach(n -> lines.add(indent + "note: " + n));
        }
        return List.copyOf(lines);
    }

    static String summary(ReloadPlan plan) {
        if (!plan.applicable()) {
            List<String> why = new ArrayList<>();
            count(why, plan.restarts().size(), "setting needs a restart", "settings need a restart");
            count(why, (int) plan.bindings().stream().filter(b -> !b.applicable()).count(), "binding change is refused",
                    "binding changes are refused");
            return "reload of " + plan.bridge() + " refused, nothing changes: " + String.join(", ", why);
        }
        if (!plan.changesAnything()) {
            return "nothing to reload for " + plan.bridge() + ": the file matches what runs";
        }
        List<String> counts = new ArrayList<>();
        for (BindingChange.Kind kind : BindingChange.Kind.values()) {
            long n = plan.bindings().stream().filter(b -> b.kind() == kind).count();
            long switching = plan.bindings().stream().filter(b -> b.kind() == kind && b.switches()).count();
            if (n > 0) {
                counts.add(n + " " + kind.label() + (switching > 0 ? " (" + switching + " switching direction)" : ""));
            }
        }
        return "reload of " + plan.bridge() + ": " + String.join(", ", counts);
    }

    private static void count(List<String> parts, int n, String one, String many) {
        if (n > 0) {
            parts.add(n + " " + (n == 1 ? one : many));
        }
    }

    private static String head(BindingChange binding) {
        return switch (binding.kind()) {
            case UNCHANGED -> "unchanged";
            case REMOVED -> "removed: " + binding.effect();
            case ADDED -> "added (" + binding.next().direction().label()
                    + (binding.next().synced() ? " " + binding.next().mode().label() : "") + "): " + binding.effect();
            case CHANGED -> binding.switches() ? switchHead(binding) : "changed: " + aspects(binding.changes()) + ", "
                    + binding.effect();
        };
    }

    private static String switchHead(BindingChange binding) {
        List<SettingChange> others = binding.changes().stream().filter(c -> c.aspect() != Aspect.DIRECTION).toList();
        return "switch " + binding.directionSwitch().label() + (others.isEmpty() ? "" : " with " + aspects(others)) + ": "
                + binding.effect();
    }

    /** {@code mapping (columns added: email; key [id] -> [id, site]), mode (stream -> batch)}. */
    private static String aspects(List<SettingChange> changes) {
        Map<Aspect, List<String>> byAspect = new LinkedHashMap<>();
        changes.forEach(c -> byAspect.computeIfAbsent(c.aspect(), a -> new ArrayList<>()).add(c.detail()));
        return byAspect.entrySet().stream().map(e -> e.getKey().label() + " (" + String.join("; ", e.getValue()) + ")")
                .collect(Collectors.joining(", "));
    }
}
