package dev.cutover.core.pipeline.spi;

import dev.cutover.core.conflict.ConflictRecord;
import dev.cutover.core.event.ChangeEvent;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one applied batch.
 *
 * <p>Every change of the batch is in exactly one of {@code applied}, {@code rejected} and
 * {@code held}.
 *
 * @param applied the changes that are done with, in order: committed to the target, or decided
 *     against by a conflict resolution (see {@code conflicts})
 * @param rejected the changes the target refused for their content, each with the reason
 * @param commitTime when the target transaction committed (for end-to-end lag)
 * @param conflicts the conflicts the batch met, each with its decision, in order
 * @param held the changes waiting behind a parked conflict of their key, stored in the conflict log
 */
public record ApplyResult(List<ChangeEvent> applied, List<RejectedChange> rejected, Instant commitTime,
        List<ConflictRecord> conflicts, List<ChangeEvent> held) {

    public ApplyResult {
        applied = List.copyOf(applied);
        rejected = List.copyOf(rejected);
        conflicts = List.copyOf(conflicts);
        held = List.copyOf(held);
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
}
