package dev.cutover.core.pipeline.spi;

import dev.cutover.core.event.ChangeEvent;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one applied batch.
 *
 * @param applied the changes committed to the target, in order
 * @param rejected the changes the target refused for their content, each with the reason
 * @param commitTime when the target transaction committed (for end-to-end lag)
 */
public record ApplyResult(List<ChangeEvent> applied, List<RejectedChange> rejected, Instant commitTime) {

    public ApplyResult {
        applied = List.copyOf(applied);
        rejected = List.copyOf(rejected);
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
