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

    /**
     * Parks a change as {@link #park} does, then tells {@code listener} what became of it: by
     * default a dead letter; a sink that blocks rows says when it was held behind an earlier dead
     * letter of its row instead.
     *
     * @throws Exception when it could not be stored; the listener is then told nothing
     */
    default void parkAndReport(String binding, String stage, ChangeEvent change, String reason, PipelineListener listener)
            throws Exception {
        park(binding, stage, change, reason);
        listener.onDeadLettered(binding, stage);
    }
}
