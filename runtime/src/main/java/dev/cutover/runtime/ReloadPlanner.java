package dev.cutover.runtime;

import dev.cutover.config.BindingOptions;
import dev.cutover.config.BridgeConfig;
import dev.cutover.config.ConfigException;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.SecretResolver;
import dev.cutover.config.diff.BindingChange;
import dev.cutover.config.diff.ConfigDiff;
import dev.cutover.config.diff.ReloadPlan;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.runtime.http.ReloadQueries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out what a reload of the running bridge to another configuration would do, changing
 * nothing: the difference of the two configurations ({@link ConfigDiff}), and the mappings of the
 * added and changed bindings compiled against the real tables (read-only), including that a
 * binding switching to a direction that writes the legacy side has an invertible mapping.
 * Thread-safe.
 */
final class ReloadPlanner implements ReloadQueries {

    private final BridgeConfig running;

    ReloadPlanner(BridgeConfig running) {
        this.running = running;
    }

    @Override
    public Map<String, Object> plan(String yaml, String path) {
        BridgeConfig next;
        try {
            next = ConfigLoader.parse(yaml, Path.of(path), SecretResolver.fromEnvironment(System.getenv()));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        ReloadPlan plan = ConfigDiff.between(running, next);
        List<String> problems = problems(next, plan);
        Map<String, Object> doc = new LinkedHashMap<>(plan.toMap());
        List<String> lines = new ArrayList<>(plan.lines());
        problems.forEach(p -> lines.add("  refused: " + p));
        doc.put("problems", problems);
        doc.put("applicable", plan.applicable() && problems.isEmpty());
        doc.put("lines", lines);
        return doc;
    }

    /** What the real tables say against the added and changed bindings, each with its configuration path. */
    private static List<String> problems(BridgeConfig next, ReloadPlan plan) {
        List<BindingOptions> touched = plan.bindings().stream()
                .filter(b -> b.kind() == BindingChange.Kind.ADDED || b.kind() == BindingChange.Kind.CHANGED)
                .map(BindingChange::next).toList();
        if (touched.isEmpty()) {
            return List.of();
        }
        Map<String, TableMapping> mappings;
        try {
            mappings = new BindingCompiler(next).mappings(touched);
        } catch (StartupException e) {
            return e.getMessage().lines().skip(1).map(String::strip).toList();
        }
        List<String> problems = new ArrayList<>();
        for (BindingChange change : plan.bindings()) {
            TableMapping mapping = mappings.get(change.name());
            if (change.directionSwitch() != null && change.directionSwitch().needsInvertibleMapping() && mapping != null
                    && !mapping.invertible()) {
                mapping.inversionProblems().forEach(p -> problems.add(change.next().path() + ": " + p + " (direction "
                        + change.next().direction().label() + " writes the legacy table, so the mapping must be invertible)"));
            }
        }
        return problems;
    }
}
