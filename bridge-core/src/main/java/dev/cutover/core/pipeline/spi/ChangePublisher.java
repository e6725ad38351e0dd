package dev.cutover.core.pipeline.spi;

import dev.cutover.core.event.ChangeEvent;
import java.util.List;

/**
 * Publishes mapped changes to the target system's topics.
 *
 * <p>Thread-safe: capture threads of several sources may publish at once.
 */
public interface ChangePublisher extends AutoCloseable {

    /**
     * Publishes {@code mapped} for {@code binding} and blocks until every record is acknowledged,
     * except those of changes it refuses for what they are (see {@link PublishRefusal}): it sends
     * the rest and returns the refused ones, for the caller to park.
     *
     * @param binding the binding the changes belong to; decides topic and schema
     * @param mapped changes in the target system's terms, in capture order
     * @return the refused changes, in capture order; empty when every change was published
     * @throws Exception when any record that was sent was not acknowledged (the broker is down, say);
     *     the caller must not commit the source position past these changes
     */
    List<PublishRefusal> publish(String binding, List<ChangeEvent> mapped) throws Exception;

    /** Flushes and releases the producer; idempotent. */
    @Override
    void close();
}
