package dev.cutover.core.deadletter;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ApplyException;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.pipeline.spi.ChangeApplier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps an applier from writing a row that has an open dead letter: the changes of blocked rows
 * are held behind their dead letter (stored durably before this returns, so the caller may commit
 * their offsets) and only the others are applied.
 *
 * <p>Changes the target refuses are returned as rejected, in batch order, for the caller to park
 * through the {@link DeadLetterLedger}: the first refused change of a row becomes its dead letter
 * and any later change of that row the applier also reported refused (it leaves out the writes
 * after a refused one, see the JDBC applier) is held behind it. The caller parks them, not this
 * gate, because it first tells refusals that are no dead letters at all (a written table that
 * drifted pauses its binding instead).
 *
 * <p>Why hold rather than apply: see {@link DeadLetterLedger}. Not thread-safe, as
 * {@link ChangeApplier}; the ledger it shares with others is.
 */
public final class BlockedKeyGate implements ChangeApplier {

    private final ChangeApplier applier;
    private final DeadLetterLedger ledger;
    private final Map<TableId, String> bindingByTable;

    /**
     * @param applier applies the changes of free rows
     * @param ledger knows which rows are blocked, and stores what is held
     * @param bindingByTable the binding writing each target table of {@code applier}
     */
    public BlockedKeyGate(ChangeApplier applier, DeadLetterLedger ledger, Map<TableId, String> bindingByTable) {
        this.applier = Objects.requireNonNull(applier, "applier");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.bindingByTable = Map.copyOf(bindingByTable);
    }

    @Override
    public ApplyResult apply(List<ChangeEvent> changes) throws ApplyException {
        List<ChangeEvent> free = new ArrayList<>(changes.size());
        List<ChangeEvent> held = new ArrayList<>();
        for (ChangeEvent change : changes) {
            if (holdIfBlocked(change) == null) {
                free.add(change);
            } else {
                held.add(change);
            }
        }
        if (free.isEmpty()) {
            return new ApplyResult(List.of(), List.of(), ledger.clock().instant(), List.of(), held);
        }
        ApplyResult result = applier.apply(free);
        held.addAll(result.held());
        return new ApplyResult(result.applied(), result.rejected(), result.commitTime(), result.conflicts(), held, result.skipped());
    }

    private DeadLetterLedger.Parked holdIfBlocked(ChangeEvent change) throws ApplyException {
        String binding = bindingByTable.get(change.table());
        if (binding == null) {
            return null;
        }
        try {
            return ledger.holdIfBlocked(BlockKey.of(binding, change), change);
        } catch (Exception e) {
            throw storeFailure(change, e);
        }
    }

    /** Retriable: the batch comes again, and what was stored already is not stored twice. */
    private static ApplyException storeFailure(ChangeEvent change, Exception e) {
        return new ApplyException("could not store the dead-letter log entry of " + change.describe() + " (retriable): "
                + e.getMessage(), true, e);
    }

    @Override
    public void close() {
        applier.close();
    }
}
