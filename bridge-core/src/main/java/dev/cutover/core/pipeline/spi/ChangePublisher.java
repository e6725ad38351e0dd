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
     * Publishes {@code mapped} for {@code binding} and blocks until every record is acknowledged.
     *
     * @param binding the binding the changes belong to; decides topic and schema
     * @param mapped changes in the target system's terms, in capture order
     * @throws Exception when any record was not acknowledged; the caller must not commit the
     *     source position past these changes
     */
    void publish(String binding, List<ChangeEvent> mapped) throws Exception;

    /** Flushes and releases the producer; idempotent. */
    @Override
    void close();
}
