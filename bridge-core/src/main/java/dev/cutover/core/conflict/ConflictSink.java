package dev.cutover.core.conflict;

import java.util.List;

/**
 * Stores conflict log entries durably. The applier calls it inside the apply transaction, before
 * committing, so an entry is never lost: a crash between the two re-delivers the change, which
 * meets the conflict again under the same {@link ConflictRecord#id()}.
 *
 * <p>Thread-safe.
 */
public interface ConflictSink {

    /**
     * Stores {@code entries} in order; returns once they are durable.
     *
     * @throws Exception when they could not be stored; the caller then rolls back and retries
     */
    void record(List<ConflictLogEntry> entries) throws Exception;
}
