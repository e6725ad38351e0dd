package dev.cutover.core.deadletter;

/**
 * Where dead-letter log entries are kept durably, in the order they are given.
 *
 * <p>Thread-safe.
 */
@FunctionalInterface
public interface DeadLetterStore {

    /**
     * Stores {@code entry}; returns once it is durable.
     *
     * @throws Exception when it could not be stored; the caller must then stop rather than go on as if it were
     */
    void store(DeadLetterEntry entry) throws Exception;
}
