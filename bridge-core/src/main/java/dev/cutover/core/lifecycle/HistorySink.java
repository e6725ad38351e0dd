package dev.cutover.core.lifecycle;

/**
 * Stores the entries of a bridge's history durably, in the order they are recorded.
 *
 * <p>Thread-safe.
 */
public interface HistorySink {

    /**
     * Stores {@code entry}; returns once it is durable.
     *
     * @throws Exception when it could not be stored, naming where it should have gone
     */
    void record(HistoryEntry entry) throws Exception;
}
