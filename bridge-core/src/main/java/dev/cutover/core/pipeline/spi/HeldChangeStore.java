package dev.cutover.core.pipeline.spi;

import dev.cutover.core.event.ChangeEvent;
import java.util.List;

/**
 * A durable, ordered place where the captured changes of a binding paused for schema drift wait
 * until a restart with a fixed configuration applies them. Changes are stored as captured (in the
 * captured system's terms), so the fixed mapping maps them.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface HeldChangeStore {

    /**
     * Stores {@code captured} after every change held before for {@code binding}, in this order,
     * and returns only once they are durable, so the capture may commit past them.
     *
     * @throws Exception when they could not be stored; the capture then commits nothing of the batch
     */
    void hold(String binding, List<ChangeEvent> captured) throws Exception;
}
