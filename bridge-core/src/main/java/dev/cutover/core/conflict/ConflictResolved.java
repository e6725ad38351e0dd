package dev.cutover.core.conflict;

import java.time.Instant;
import java.util.Objects;

/**
 * A parked conflict resolved by a person and carried out at its target.
 *
 * @param conflictId the parked conflict
 * @param resolution what the target got: the incoming change, its current row kept, or a supplied row
 * @param resolvedAt when the target committed it
 */
public record ConflictResolved(String conflictId, Resolution resolution, Instant resolvedAt) implements ConflictLogEntry {

    public ConflictResolved {
        Objects.requireNonNull(conflictId, "conflictId");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        if (resolution.decision() == Resolution.Decision.PARK) {
            throw new IllegalArgumentException("conflict " + conflictId + " cannot be resolved by parking it");
        }
    }
}
