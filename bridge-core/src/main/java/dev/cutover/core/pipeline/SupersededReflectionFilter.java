package dev.cutover.core.pipeline;

import dev.cutover.core.conflict.ReflectionGuard;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ApplyException;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.pipeline.spi.ChangeApplier;
import dev.cutover.core.pipeline.spi.TargetRowReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The follower's applier, leaving out the arbiter's reflections of the follower's own changes
 * that a later change of the same key supersedes (see {@link ReflectionGuard}), so a row written
 * twice on the follower's side does not show the first version again. The changes left out are
 * reported as skipped with reason {@link ReflectionGuard#SKIP_SUPERSEDED}. A candidate is checked
 * against the follower's row as it stands (one read, for candidates only), and never skipped when
 * an earlier change of its key in the same batch is to be applied.
 *
 * <p>Not thread-safe, as {@link ChangeApplier}; the guard it shares with the arbiter is.
 */
final class SupersededReflectionFilter implements ChangeApplier {

    private final ChangeApplier applier;
    private final ReflectionGuard guard;
    private final Map<TableId, TwoWayTarget> twoWayTables;
    private final TargetRowReader rows;

    /**
     * @param twoWayTables the two-way bindings by their table on the follower's side
     * @param rows reads the follower's rows
     */
    SupersededReflectionFilter(ChangeApplier applier, ReflectionGuard guard, Map<TableId, TwoWayTarget> twoWayTables,
            TargetRowReader rows) {
        this.applier = applier;
        this.guard = guard;
        this.twoWayTables = Map.copyOf(twoWayTables);
        this.rows = rows;
    }

    @Override
    public ApplyResult apply(List<ChangeEvent> changes) throws ApplyException {
        List<ChangeEvent> kept = new ArrayList<>(changes.size());
        List<ApplyResult.SkippedChange> skipped = new ArrayList<>();
        Set<KeyOf> keptKeys = new HashSet<>();
        for (ChangeEvent change : changes) {
            TwoWayTarget table = twoWayTables.get(change.table());
            KeyOf key = new KeyOf(change.table(), change.key());
            if (table != null && superseded(table, change, keptKeys.contains(key))) {
                skipped.add(new ApplyResult.SkippedChange(change, ReflectionGuard.SKIP_SUPERSEDED));
            } else {
                kept.add(change);
                keptKeys.add(key);
            }
        }
        return applier.apply(kept).withSkipped(skipped);
    }

    private boolean superseded(TwoWayTarget table, ChangeEvent change, boolean earlierKept) throws ApplyException {
        ReflectionGuard.Expectation expected = guard.supersededIf(table.binding(), change);
        if (expected == null || earlierKept) {
            return false;
        }
        try {
            return expected.holds(rows.read(table.schema(), change.key()));
        } catch (Exception e) {
            throw new ApplyException("cannot read the row of " + change.describe() + " to tell whether a later change of the"
                    + " new system supersedes it: " + e.getMessage(), true, e);
        }
    }

    /** A key of one table, for the keys of a batch. */
    private record KeyOf(TableId table, RowImage key) {
    }

    @Override
    public void close() {
        applier.close();
    }
}
