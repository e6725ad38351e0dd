package dev.cutover.core.pipeline.spi;

import dev.cutover.core.event.ChangeEvent;
import java.util.List;

/**
 * Receives captured changes from a {@link ChangeSource}, one batch at a time, in source order.
 *
 * <p>When {@link #onBatch} returns normally every event of the batch is durable downstream
 * (published and acknowledged, parked, or deliberately skipped and counted), and the source may
 * commit its position past the batch. When it throws, the source must not commit past the batch
 * and stops; after a restart it delivers the batch again.
 *
 * <p>Called from the source's own thread only, never concurrently.
 */
@FunctionalInterface
public interface ChangeBatchHandler {

    /**
     * Handles one batch.
     *
     * @param events the changes, in the order the source database committed them; never empty
     * @throws Exception when the batch could not be made durable; the source stops without
     *     committing it
     */
    void onBatch(List<ChangeEvent> events) throws Exception;

    /**
     * Told of a change the source dropped on purpose and does not deliver (an echo of this
     * bridge's own applier, say), so it is counted under its binding. By default ignored.
     *
     * @param event the change as captured; its table tells whose it is
     * @param reason why, e.g. {@code echo}
     */
    default void onSkipped(ChangeEvent event, String reason) {
    }
}
