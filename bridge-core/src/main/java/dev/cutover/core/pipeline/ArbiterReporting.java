package dev.cutover.core.pipeline;

import dev.cutover.core.conflict.ConflictRecord;
import dev.cutover.core.conflict.ReflectionGuard;
import dev.cutover.core.conflict.Resolution;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ApplyException;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.pipeline.spi.ChangeApplier;
import dev.cutover.core.pipeline.spi.TransactionReportingApplier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arbiter's applier, telling the {@link ReflectionGuard} which transaction applied which of the
 * follower's changes: those it wrote come back to the follower as reflections of that transaction;
 * those it did not write (kept the current row, parked, held, refused) are forgotten.
 *
 * <p>Not thread-safe, as {@link ChangeApplier}; the guard it shares with the follower is.
 */
final class ArbiterReporting implements ChangeApplier {

    private final TransactionReportingApplier applier;
    private final ReflectionGuard guard;
    private final Map<TableId, TwoWayTarget> twoWayTables;

    /** @param twoWayTables the two-way bindings by their table on the arbiter's side */
    ArbiterReporting(TransactionReportingApplier applier, ReflectionGuard guard, Map<TableId, TwoWayTarget> twoWayTables) {
        this.applier = applier;
        this.guard = guard;
        this.twoWayTables = Map.copyOf(twoWayTables);
    }

    @Override
    public ApplyResult apply(List<ChangeEvent> changes) throws ApplyException {
        if (changes.stream().noneMatch(c -> twoWayTables.containsKey(c.table()))) {
            // Only one-way tables: nothing comes back to the follower, so no transaction id is needed.
            return applier.apply(changes);
        }
        String[] transaction = new String[1];
        ApplyResult result = applier.apply(changes, id -> transaction[0] = id);
        Set<ChangeEvent> unwritten = Collections.newSetFromMap(new IdentityHashMap<>());
        unwritten.addAll(result.held());
        result.rejected().forEach(r -> unwritten.add(r.change()));
        for (ConflictRecord conflict : result.conflicts()) {
            Resolution.Decision decision = conflict.resolution().decision();
            if (decision == Resolution.Decision.KEEP_CURRENT || decision == Resolution.Decision.PARK) {
                unwritten.add(conflict.conflict().change());
            }
        }
        report(result.applied().stream().filter(c -> !unwritten.contains(c)).toList(), transaction[0]);
        report(new ArrayList<>(unwritten), null);
        return result;
    }

    private void report(List<ChangeEvent> changes, String transaction) {
        Map<String, List<ChangeEvent>> byBinding = new LinkedHashMap<>();
        for (ChangeEvent change : changes) {
            TwoWayTarget target = twoWayTables.get(change.table());
            if (target != null) {
                byBinding.computeIfAbsent(target.binding(), b -> new ArrayList<>()).add(change);
            }
        }
        byBinding.forEach((binding, decided) -> guard.arbitrated(binding, decided, transaction));
    }

    @Override
    public void close() {
        applier.close();
    }
}
