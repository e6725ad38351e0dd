package dev.cutover.core.pipeline.spi;

import dev.cutover.core.event.ChangeEvent;

/**
 * Parks changes that could not be mapped or applied, so that nothing is lost silently and a
 * person can look at them.
 *
 * <p>Thread-safe.
 */
public interface DeadLetterSink {

    /**
     * Parks a change durably; returns once it is stored.
     *
     * @param binding the binding the change belongs to
     * @param stage where it failed: {@code map}, {@code encode} or {@code publish} (see
     *     {@link PublishRefusal}), or {@code apply}
     * @param change the change, in the terms it had when it failed
     * @param reason why, naming the column or constraint; never contains credentials
     * @throws Exception when it could not be stored; the caller must then stop rather than lose it
     */
    void park(String binding, String stage, ChangeEvent change, String reason) throws Exception;
}
