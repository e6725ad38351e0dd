package dev.cutover.core.deadletter;

import dev.cutover.core.event.ChangeEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * One durable record of the dead-letter log: a change parked, a later change held behind it, a
 * dead letter closed, or a held change released. Folding the log in order with a
 * {@link DeadLetterIndex} rebuilds every open dead letter, the changes waiting behind it and the
 * keys it blocks.
 */
public sealed interface DeadLetterEntry {

    /** The dead letter this entry is about. */
    String deadLetterId();

    /** Stage of a held change that was captured but never mapped: it is replayed through the current mapping. */
    String STAGE_MAP = "map";

    /** Stage of a held change already in the target table's terms. */
    String STAGE_APPLY = "apply";

    /**
     * A change that could not be mapped, published or applied.
     *
     * @param id unique id, as operators name it
     * @param binding the binding
     * @param stage where it failed: {@code map} (change in the captured table's terms), {@code encode},
     *     {@code publish} or {@code apply} (change in the target table's terms)
     * @param change the change; null when it was too large to store whole (it cannot be replayed then)
     * @param reason why, without credentials
     * @param parkedAt when it was parked
     * @param blocks the target row whose later changes wait behind it; null when its key is unknown
     * @param follows the dead letter behind which this change was held, when replaying that one met
     *     this change refused again; null otherwise
     * @param sequence its place behind {@code follows}; 0 when {@code follows} is null
     */
    record DeadLetter(String id, String binding, String stage, ChangeEvent change, String reason, Instant parkedAt,
            BlockKey blocks, String follows, int sequence) implements DeadLetterEntry {

        public DeadLetter {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(binding, "binding");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(parkedAt, "parkedAt");
        }

        @Override
        public String deadLetterId() {
            return id;
        }

        /** True when the stored change is in the captured table's terms and must be mapped before it is applied. */
        public boolean unmapped() {
            return STAGE_MAP.equals(stage);
        }
    }

    /**
     * A later change of a blocked row, waiting behind the dead letter that blocks it.
     *
     * @param deadLetterId the dead letter it waits behind
     * @param sequence its place in the queue, from 1, in the order the changes reached the bridge
     * @param stage {@link #STAGE_MAP} when the change is in the captured table's terms (it failed to
     *     map too), {@link #STAGE_APPLY} when it is in the target table's terms
     * @param change the change
     * @param heldAt when it was held
     */
    record HeldBehind(String deadLetterId, int sequence, String stage, ChangeEvent change, Instant heldAt)
            implements DeadLetterEntry {

        public HeldBehind {
            Objects.requireNonNull(deadLetterId, "deadLetterId");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(heldAt, "heldAt");
        }

        /** True when the change must be mapped before it is applied. */
        public boolean unmapped() {
            return STAGE_MAP.equals(stage);
        }
    }

    /** How a person closed a dead letter. */
    enum Outcome {
        /** Its change was applied again and committed. */
        REPLAYED,
        /** Its change was dropped on purpose; the record is kept. */
        DISCARDED;

        /** The lower-case name used in documents and output. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A dead letter's own change is done with: replayed (written after the target committed it) or
     * discarded. Changes held behind it still wait until each is released.
     */
    record Closed(String deadLetterId, Outcome outcome, Instant closedAt) implements DeadLetterEntry {

        public Closed {
            Objects.requireNonNull(deadLetterId, "deadLetterId");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(closedAt, "closedAt");
        }
    }

    /** A held change was applied (written after the target committed it). */
    record Released(String deadLetterId, int sequence, Instant releasedAt) implements DeadLetterEntry {

        public Released {
            Objects.requireNonNull(deadLetterId, "deadLetterId");
            Objects.requireNonNull(releasedAt, "releasedAt");
        }
    }
}
