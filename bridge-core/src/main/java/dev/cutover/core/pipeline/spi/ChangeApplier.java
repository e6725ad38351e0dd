package dev.cutover.core.pipeline.spi;

import dev.cutover.core.event.ChangeEvent;
import java.util.List;

/**
 * Writes changes, already mapped into the target system's terms, into the target database.
 *
 * <p>Applying is idempotent: applying the same changes again, or an earlier prefix of them
 * followed by the rest, leaves the target as one application would. A batch is applied in one
 * transaction; changes of the same key keep their order. Changes that the database rejects for
 * their content (a constraint, a value out of range) are isolated and returned as rejected, so
 * that the rest of the batch still lands.
 *
 * <p>Not thread-safe: one applier serves one consumer thread.
 */
public interface ChangeApplier extends AutoCloseable {

    /**
     * Applies {@code changes} in one transaction.
     *
     * @param changes mapped changes, in the order they were captured; may span several tables
     * @return what was applied and what was rejected
     * @throws ApplyException when nothing was committed; {@link ApplyException#retriable()} says
     *     whether trying the same batch again may succeed
     */
    ApplyResult apply(List<ChangeEvent> changes) throws ApplyException;

    /** Releases connections; idempotent. */
    @Override
    void close();
}
