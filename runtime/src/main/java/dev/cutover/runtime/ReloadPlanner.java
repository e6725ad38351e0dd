package dev.cutover.runtime;

import dev.cutover.config.BridgeConfig;
import dev.cutover.config.ConfigException;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.SecretResolver;
import dev.cutover.config.diff.BindingChange;
import dev.cutover.config.diff.ConfigDiff;
import dev.cutover.config.diff.ReloadPlan;
import dev.cutover.core.binding.Direction;
import dev.cutover.core.mapping.TableMapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out what a reload of the running bridge to another configuration would do, changing
 * nothing: the difference of the two configurations ({@link ConfigDiff}), and the added and
 * changed bindings checked against the real tables (read-only): their mappings, what their
 * direction needs, and, for a switch to two-way, that the two sides' key generators never meet.
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

    /**
     * What the real tables say against the added and changed bindings, each with its configuration
     * path: mappings that do not compile, what a direction needs that the tables lack (an invertible
     * mapping to write legacy; before images for two-way), and key generators that would collide
     * once both sides insert. All of it is known before the switch drains, verifies or moves a key.
     */
    private static List<String> problems(BridgeConfig next, ReloadPlan plan) {
        List<BindingChange> touched = plan.bindings().stream()
                .filter(b -> b.kind() == BindingChange.Kind.ADDED || b.kind() == BindingChange.Kind.CHANGED).toList();
        if (touched.isEmpty()) {
            return List.of();
        }
        BindingCompiler compiler = new BindingCompiler(next);
        Map<String, TableMapping> mappings;
        try {
            mappings = compiler.mappings(touched.stream().map(BindingChange::next).toList());
        } catch (StartupException e) {
            return e.getMessage().lines().skip(1).map(String::strip).toList();
        }
        List<String> problems = new ArrayList<>();
        for (BindingChange change : touched) {
            TableMapping mapping = mappings.get(change.name());
            problems.addAll(compiler.directionProblems(change.next(), mapping));
            if (change.next().direction() == Direction.TWO_WAY && change.directionSwitch() != null) {
                keyCollision(next, change, mapping).ifPresent(problems::add);
            }
        }
        return problems;
    }

    private static Optional<String> keyCollision(BridgeConfig next, BindingChange change, TableMapping mapping) {
        try {
            return new SwitchKeys(next).collisionProblem(mapping).map(p -> change.next().path() + ": " + p);
        } catch (Exception e) {
            return Optional.of(change.next().path() + ": cannot read the key generators of its tables: " + e.getMessage());
        }
    }
}
