package dev.cutover.config.diff;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.batch.BatchSpec;
import dev.cutover.core.conflict.ConflictSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What differs between the running and the next configuration of one binding, direction first.
 * Settings that only exist because of the direction (conflict settings of a two-way binding, the
 * strategy of a none binding) or of the mode (batch settings) count only when both sides have them:
 * otherwise they come and go with the direction or mode change that already says so.
 */
final class BindingDiff {

    private static final List<Map.Entry<String, Function<ConflictSpec, Object>>> CONFLICT_PARTS = List.of(
            Map.entry("policy", ConflictSpec::policy),
            Map.entry("column", ConflictSpec::column),
            Map.entry("fallback", ConflictSpec::fallback),
            Map.entry("resolver", ConflictSpec::resolverClass),
            Map.entry("options", ConflictSpec::resolverOptions),
            Map.entry("set-replica-identity-full", ConflictSpec::setReplicaIdentityFull));

    private static final List<Map.Entry<String, Function<BatchSpec, Object>>> BATCH_PARTS = List.of(
            Map.entry("schedule", BatchSpec::schedule),
            Map.entry("watermark", BatchSpec::watermark),
            Map.entry("page-size", BatchSpec::pageSize));

    private BindingDiff() {
    }

    static List<SettingChange> changes(BindingOptions running, BindingOptions next) {
        String path = next.path();
        List<SettingChange> out = new ArrayList<>();
        if (running.direction() != next.direction()) {
            out.add(new SettingChange(Aspect.DIRECTION, path + ".direction",
                    running.direction().label() + " -> " + next.direction().label()));
        }
        out.addAll(MappingDiff.tables(running.mapping(), next.mapping(), path));
        out.addAll(MappingDiff.rules(running.mapping(), next.mapping(), path));
        if (running.conflict() != null && next.conflict() != null) {
            parts(Aspect.CONFLICT, path + ".conflict", running.conflict(), next.conflict(), CONFLICT_PARTS, out);
        }
        if (running.synced() && next.synced() && running.mode() != next.mode()) {
            out.add(new SettingChange(Aspect.MODE, path + ".mode", running.mode().label() + " -> " + next.mode().label()));
        }
        if (running.batched() && next.batched()) {
            parts(Aspect.BATCH, path + ".batch", running.batch(), next.batch(), BATCH_PARTS, out);
        }
        if (running.strategy() != null && next.strategy() != null && running.strategy() != next.strategy()) {
            out.add(new SettingChange(Aspect.STRATEGY, path + ".strategy",
                    running.strategy().label() + " -> " + next.strategy().label()));
        }
        return out;
    }

    /** Adds one change naming the parts that differ, e.g. {@code policy, column}, when any do. */
    private static <T> void parts(Aspect aspect, String path, T running, T next,
            List<Map.Entry<String, Function<T, Object>>> parts, List<SettingChange> out) {
        String differing = parts.stream()
                .filter(p -> !Objects.equals(p.getValue().apply(running), p.getValue().apply(next)))
                .map(Map.Entry::getKey).collect(Collectors.joining(", "));
        if (!differing.isEmpty()) {
            out.add(new SettingChange(aspect, path, differing));
        }
    }
}
