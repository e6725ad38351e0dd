package dev.cutover.core.pipeline;

import dev.cutover.core.event.ChangeEvent;
import java.util.List;

/**
 * What became of one page of changes handed to {@link CapturePipeline#offer}: what a polling
 * source (a batch copy) counts, and which rows it may take as present on the target side.
 * Immutable.
 *
 * @param offered the changes handed in
 * @param mapped every change that was mapped, in the target system's terms, binding by binding in
 *     capture order: the ones published and the ones the publisher then refused, whose rows still
 *     exist at the source
 * @param deadLettered the changes parked in the dead-letter sink: not mappable (stage {@code map})
 *     or refused by the publisher
 */
public record PageOutcome(int offered, List<ChangeEvent> mapped, int deadLettered) {

    public PageOutcome {
        mapped = List.copyOf(mapped);
    }

    /** The changes handed in that have no mapped form: parked at stage {@code map}, held for drift, or of no binding. */
    public int unmapped() {
        return offered - mapped.size();
    }
}
