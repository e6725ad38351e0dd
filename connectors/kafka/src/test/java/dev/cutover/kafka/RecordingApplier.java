package dev.cutover.kafka;

import dev.cutover.core.event.ChangeEvent;
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
 * number of calls and reject chosen changes.
 */
final class RecordingApplier implements ChangeApplier {

    /** Every batch handed over, including those that then failed. */
    final List<List<ChangeEvent>> batches = new CopyOnWriteArrayList<>();
    /** Every change of a batch that succeeded, in order. */
    final List<ChangeEvent> applied = new CopyOnWriteArrayList<>();
    private volatile int failuresLeft;
    private volatile boolean retriable;
    private volatile Predicate<ChangeEvent> rejects = change -> false;

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

    @Override
    public ApplyResult apply(List<ChangeEvent> changes) throws ApplyException {
        batches.add(List.copyOf(changes));
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new ApplyException("test failure of a batch of " + changes.size(), retriable, null);
        }
        List<ChangeEvent> ok = new ArrayList<>();
        List<ApplyResult.RejectedChange> rejected = new ArrayList<>();
        for (ChangeEvent change : changes) {
            if (rejects.test(change)) {
                rejected.add(new ApplyResult.RejectedChange(change, "test rejects " + change.key()));
            } else {
                ok.add(change);
            }
        }
        applied.addAll(ok);
        return new ApplyResult(ok, rejected, Instant.now());
    }

    @Override
    public void close() {
    }
}
