package dev.cutover.kafka;

import dev.cutover.core.conflict.Conflict;
import dev.cutover.core.conflict.ConflictKind;
import dev.cutover.core.conflict.ConflictPolicy;
import dev.cutover.core.conflict.ConflictRecord;
import dev.cutover.core.conflict.Resolution;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.pipeline.spi.ApplyException;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.pipeline.spi.ChangeApplier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An applier that records every batch it is given and applies nothing anywhere; it can fail a
 * number of calls, reject chosen changes, and report chosen changes as a parked conflict or as held
 * behind one (as a conflict-checking applier would, without a conflict log).
 */
final class RecordingApplier implements ChangeApplier {

    /** Every batch handed over, including those that then failed. */
    final List<List<ChangeEvent>> batches = new CopyOnWriteArrayList<>();
    /** Every change of a batch that succeeded, in order. */
    final List<ChangeEvent> applied = new CopyOnWriteArrayList<>();
    private volatile int failuresLeft;
    private volatile boolean retriable;
    private volatile Predicate<ChangeEvent> rejects = change -> false;
    private volatile Predicate<ChangeEvent> parks = change -> false;
    private volatile Predicate<ChangeEvent> holds = change -> false;

    /** The next {@code times} calls throw an {@link ApplyException} with {@code retriable}. */
    RecordingApplier failing(int times, boolean retriable) {
        this.failuresLeft = times;
        this.retriable = retriable;
        return this;
    }

    /** Changes matching {@code predicate} are returned as rejected. */
    RecordingApplier rejecting(Predicate<ChangeEvent> predicate) {
        this.rejects = predicate;
        return this;
    }

    /** Changes matching {@code predicate} meet a conflict that is parked (the change is done with, as the applier logged it). */
    RecordingApplier parking(Predicate<ChangeEvent> predicate) {
        this.parks = predicate;
        return this;
    }

    /** Changes matching {@code predicate} are returned as held behind a parked conflict. */
    RecordingApplier holding(Predicate<ChangeEvent> predicate) {
        this.holds = predicate;
        return this;
    }

    @Override
    public ApplyResult apply(List<ChangeEvent> changes) throws ApplyException {
        batches.add(List.copyOf(changes));
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new ApplyException("test failure of a batch of " + changes.size(), retriable, null);
        }
        List<ChangeEvent> ok = new ArrayList<>();
        List<ApplyResult.RejectedChange> rejected = new ArrayList<>();
        List<ConflictRecord> conflicts = new ArrayList<>();
        List<ChangeEvent> held = new ArrayList<>();
        for (ChangeEvent change : changes) {
            if (rejects.test(change)) {
                rejected.add(new ApplyResult.RejectedChange(change, "test rejects " + change.key()));
            } else if (holds.test(change)) {
                held.add(change);
            } else {
                if (parks.test(change)) {
                    conflicts.add(parked(change));
                }
                ok.add(change);
            }
        }
        applied.addAll(ok);
        return new ApplyResult(ok, rejected, Instant.now(), conflicts, held);
    }

    private static ConflictRecord parked(ChangeEvent change) {
        Conflict conflict = new Conflict("conflict-binding", SystemSide.NEW, ConflictKind.UPDATE_CHANGED, change, change.after());
        return new ConflictRecord(ConflictRecord.idFor("conflict-binding", SystemSide.NEW, change), conflict, ConflictPolicy.MANUAL,
                Resolution.park("test parks " + change.key()), Instant.now());
    }

    @Override
    public void close() {
    }
}
