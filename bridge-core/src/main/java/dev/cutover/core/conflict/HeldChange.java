package dev.cutover.core.conflict;

import dev.cutover.core.event.ChangeEvent;
import java.util.Objects;

/**
 * A change that waits behind a parked conflict of the same key, to be applied in order once the
 * conflict is resolved.
 *
 * @param conflictId the parked conflict it waits behind
 * @param sequence its place in the queue of that conflict, from 1
 * @param change the change, in the target's terms
 */
public record HeldChange(String conflictId, int sequence, ChangeEvent change) implements ConflictLogEntry {

    public HeldChange {
        Objects.requireNonNull(conflictId, "conflictId");
        Objects.requireNonNull(change, "change");
    }
}
