package dev.cutover.core.pipeline.spi;

import java.time.Duration;

/**
 * Captures row changes of one database and hands them to a {@link ChangeBatchHandler}.
 *
 * <p>Lifecycle: {@link #start} once, then {@link #stop} (signals, returns at once) and
 * {@link #awaitStop} (blocks), or {@link #close} which does both. A source commits its own
 * position only after the handler returned for the batches it covers, so a restart resumes
 * without a gap. Implementations deliver on a thread of their own; the methods here are safe to
 * call from any thread.
 */
public interface ChangeSource extends AutoCloseable {

    /** Starts capturing; batches go to {@code handler}. Fails if called twice. */
    void start(ChangeBatchHandler handler);

    /** Asks the source to stop after the batch in hand; returns at once. Idempotent. */
    void stop();

    /**
     * Waits for the source to stop.
     *
     * @return true when it stopped within {@code timeout}
     */
    boolean awaitStop(Duration timeout) throws InterruptedException;

    /**
     * The failure that stopped the source, or null while it runs or after a requested stop.
     */
    Throwable failure();

    /** Stops and waits; idempotent. */
    @Override
    void close();
}
