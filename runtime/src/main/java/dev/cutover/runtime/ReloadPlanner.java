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
 */
final class ReloadPlanner {

    /**
     * A reload worked out: the configuration to reload to, the difference, and what the real tables
     * say against it.
     *
     * @param problems what does not fit the real tables, each with its configuration path
     */
    record Planned(BridgeConfig next, ReloadPlan plan, List<String> problems) {

        /** True when a reload may apply it. */
        boolean applicable() {
            return plan.applicable() && problems.isEmpty();
        }

        /** The plan as people read it, the problems as refusals. */
        List<String> lines() {
            List<String> lines = new ArrayList<>(plan.lines());
            problems.forEach(p -> lines.add("  refused: " + p));
            return lines;
        }

        /** The plan for HTTP: the difference, {@code problems}, {@code applicable} and {@code lines}. */
        Map<String, Object> document() {
            Map<String, Object> doc = new LinkedHashMap<>(plan.toMap());
            doc.put("problems", problems);
            doc.put("applicable", applicable());
            doc.put("lines", lines());
            return doc;
        }
    }

    private ReloadPlanner() {
    }

    /**
     * Plans reloading {@code running} to the configuration text {@code yaml}.
     *
     * @param path where the text comes from: named in messages, anchoring relative paths
     * @throws IllegalArgumentException when the text is not a valid configuration, with every problem and its path
     */
    static Planned plan(BridgeConfig running, String yaml, String path) {
        BridgeConfig next;
        try {
            next = ConfigLoader.parse(yaml, Path.of(path), SecretResolver.fromEnvironment(System.getenv()));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        ReloadPlan plan = ConfigDiff.between(running, next);
        return new Planned(next, plan, problems(next, plan));
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
