package dev.cutover.core.pipeline.spi;

import dev.cutover.core.conflict.ConflictRecord;
import dev.cutover.core.event.ChangeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one applied batch.
 *
 * <p>Every change of the batch is in exactly one of {@code applied}, {@code rejected},
 * {@code held} and {@code skipped}.
 *
 * @param applied the changes that are done with, in order: committed to the target, or decided
 *     against by a conflict resolution (see {@code conflicts})
 * @param rejected the changes the target refused for their content, each with the reason
 * @param commitTime when the target transaction committed (for end-to-end lag)
 * @param conflicts the conflicts the batch met, each with its decision, in order
 * @param held the changes waiting behind a parked conflict or an open dead letter of their key, stored
 *     durably (conflict log, dead-letter log) before the result is returned
 * @param skipped the changes deliberately not written, each with the reason (a short constant)
 */
public record ApplyResult(List<ChangeEvent> applied, List<RejectedChange> rejected, Instant commitTime,
        List<ConflictRecord> conflicts, List<ChangeEvent> held, List<SkippedChange> skipped) {

    public ApplyResult {
        applied = List.copyOf(applied);
        rejected = List.copyOf(rejected);
        conflicts = List.copyOf(conflicts);
        held = List.copyOf(held);
        skipped = List.copyOf(skipped);
    }

    /** A result without skipped changes. */
    public ApplyResult(List<ChangeEvent> applied, List<RejectedChange> rejected, Instant commitTime,
            List<ConflictRecord> conflicts, List<ChangeEvent> held) {
        this(applied, rejected, commitTime, conflicts, held, List.of());
    }

    /** This result with {@code more} skipped changes added. */
    public ApplyResult withSkipped(List<SkippedChange> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<SkippedChange> all = new ArrayList<>(skipped);
        all.addAll(more);
        return new ApplyResult(applied, rejected, commitTime, conflicts, held, all);
    }

    /** A result without conflicts. */
    public ApplyResult(List<ChangeEvent> applied, List<RejectedChange> rejected, Instant commitTime) {
        this(applied, rejected, commitTime, List.of(), List.of());
    }

    /**
     * A change the target refused.
     *
     * @param change the change
     * @param reason what the database said, without row values beyond the key
     */
    public record RejectedChange(ChangeEvent change, String reason) {
    }

    /**
     * A change deliberately not written.
     *
     * @param change the change
     * @param reason a short constant, for a metric tag
     */
    public record SkippedChange(ChangeEvent change, String reason) {
    }
}
