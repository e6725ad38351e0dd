package dev.cutover.core.deadletter;

import dev.cutover.core.deadletter.DeadLetterEntry.DeadLetter;
import dev.cutover.core.deadletter.DeadLetterEntry.HeldBehind;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.pipeline.spi.DeadLetterSink;
import dev.cutover.core.pipeline.spi.PipelineListener;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Parks changes and holds the later changes of their rows behind them: the one place that decides
 * whether a change becomes a dead letter or waits behind one, every decision stored durably
 * (store first, then the in-memory {@link DeadLetterIndex}) before it takes effect.
 *
 * <p>Why later changes of a dead-lettered row wait instead of flowing: applying a later full image
 * would itself be overwritten when the older dead letter is replayed, and applying a partial image
 * (an update whose unchanged TOASTed columns were not logged) onto a row that is missing would
 * invent values for the absent columns. Held in order, each row's history is applied in order once
 * a person replays or discards the dead letter, and nothing is lost.
 *
 * <p>A change that is already queued (delivered again after a crash, before its offset was
 * committed) is not stored twice.
 *
 * <p>Thread-safe: every method is serialized, so the capture's and the applier's threads and a
 * person's replay see one order.
 */
public final class DeadLetterLedger implements DeadLetterSink {

    /** What {@link #parkChange} did. */
    public enum Parked {
        /** Stored as a new dead letter that blocks its row. */
        DEAD_LETTERED,
        /** Stored behind the dead letter that blocks its row. */
        HELD,
        /** Already queued: nothing stored. */
        ALREADY_QUEUED
    }

    /** Tells which target row a parked change blocks. */
    @FunctionalInterface
    public interface KeyResolver {
        /**
         * @param binding the change's binding
         * @param stage where it failed; at {@code map} the change is in the captured table's terms
         * @return the target row, or null when its key cannot be told (the dead letter then blocks nothing)
         */
        BlockKey blockKey(String binding, String stage, ChangeEvent change);
    }

    private final DeadLetterStore store;
    private final DeadLetterIndex index;
    private final KeyResolver keys;
    private final Clock clock;
    private final Supplier<String> ids;

    /**
     * @param store where entries are stored durably
     * @param index the state the stored log left, already folded
     * @param keys tells the target row of a parked change
     * @param clock stamps entries
     * @param ids new dead-letter ids, unique over the log
     */
    public DeadLetterLedger(DeadLetterStore store, DeadLetterIndex index, KeyResolver keys, Clock clock, Supplier<String> ids) {
        this.store = Objects.requireNonNull(store, "store");
        this.index = Objects.requireNonNull(index, "index");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    @Override
    public void park(String binding, String stage, ChangeEvent change, String reason) throws Exception {
        parkChange(binding, stage, change, reason);
    }

    /** Counts a change held behind its row's dead letter as held, anything else as dead-lettered. */
    @Override
    public void parkAndReport(String binding, String stage, ChangeEvent change, String reason, PipelineListener listener)
            throws Exception {
        if (parkChange(binding, stage, change, reason) == Parked.HELD) {
            listener.onHeld(binding, change);
        } else {
            listener.onDeadLettered(binding, stage);
        }
    }

    /**
     * Parks {@code change}: behind the dead letter that blocks its row, or as a new dead letter
     * that blocks it. Returns once stored.
     */
    public synchronized Parked parkChange(String binding, String stage, ChangeEvent change, String reason) throws Exception {
        BlockKey key = keys.blockKey(binding, stage, change);
        String blocking = key == null ? null : index.blocking(key);
        if (blocking != null) {
            return hold(blocking, stage, change);
        }
        record(new DeadLetter(ids.get(), binding, stage, change, reason, clock.instant(), key, null, 0));
        return Parked.DEAD_LETTERED;
    }

    /**
     * Holds {@code change} (in the target table's terms) when its row is blocked by a dead letter
     * of a change that came before it at the source; returns once stored.
     *
     * @return null when the change may be applied: its row is free, or it is older than the dead letter
     */
    public synchronized Parked holdIfBlocked(BlockKey key, ChangeEvent change) throws Exception {
        String blocking = index.blocking(key);
        if (blocking == null || index.precedes(change, blocking)) {
            return null;
        }
        return hold(blocking, DeadLetterEntry.STAGE_APPLY, change);
    }

    private Parked hold(String deadLetterId, String stage, ChangeEvent change) throws Exception {
        if (index.queued(deadLetterId, change)) {
            return Parked.ALREADY_QUEUED;
        }
        record(new HeldBehind(deadLetterId, index.lastSequence(deadLetterId) + 1, stage, change, clock.instant()));
        return Parked.HELD;
    }

    /** Stores {@code entry}, then folds it into the index. */
    public synchronized void record(DeadLetterEntry entry) throws Exception {
        store.store(entry);
        index.add(entry);
    }

    /** Folds an entry stored elsewhere (already durable) into the index. */
    public synchronized void remember(DeadLetterEntry entry) {
        index.add(entry);
    }

    /** A new dead-letter id. */
    public String newId() {
        return ids.get();
    }

    /** Answers {@code query} on the index under the ledger's lock. */
    public synchronized <T> T read(Function<DeadLetterIndex, T> query) {
        return query.apply(index);
    }

    /** The clock entries are stamped with. */
    public Clock clock() {
        return clock;
    }
}
