package dev.cutover.core.pipeline;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.pipeline.spi.ChangePublisher;
import dev.cutover.core.pipeline.spi.DeadLetterSink;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.core.pipeline.spi.PublishRefusal;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Publishes mapped changes and parks the ones the publisher refuses, so one change that cannot
 * travel never holds back the others: each refused change goes to the dead-letter sink with its
 * stage and reason and is counted as dead-lettered, every other one is counted as published.
 *
 * <p>Thread-safe when the publisher, sink and listener are.
 */
public final class RefusalParkingPublisher {

    private final ChangePublisher publisher;
    private final DeadLetterSink deadLetters;
    private final PipelineListener listener;

    public RefusalParkingPublisher(ChangePublisher publisher, DeadLetterSink deadLetters, PipelineListener listener) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Publishes {@code mapped} for {@code binding}; returns once every change is acknowledged or parked.
     *
     * @return how many changes were refused and parked
     * @throws Exception when publishing or parking failed; the caller must not commit past these changes
     */
    public int publish(String binding, List<ChangeEvent> mapped) throws Exception {
        return publish(binding, mapped, refusal -> false);
    }

    /**
     * As {@link #publish(String, List)}, but a refusal that {@code takenElsewhere} accepts (asked in
     * capture order) is neither parked nor counted: the caller deals with it.
     *
     * @return how many changes were refused, parked or taken elsewhere
     */
    public int publish(String binding, List<ChangeEvent> mapped, Predicate<PublishRefusal> takenElsewhere) throws Exception {
        if (mapped.isEmpty()) {
            return 0;
        }
        List<PublishRefusal> refusals = publisher.publish(binding, mapped);
        // By identity: a change's equality compares its row values, which may be megabytes.
        Set<ChangeEvent> refused = Collections.newSetFromMap(new IdentityHashMap<>());
        for (PublishRefusal refusal : refusals) {
            refused.add(refusal.change());
            if (takenElsewhere.test(refusal)) {
                continue;
            }
            deadLetters.parkAndReport(binding, refusal.stage(), refusal.change(), refusal.reason(), listener);
        }
        for (ChangeEvent change : mapped) {
            if (!refused.contains(change)) {
                listener.onPublished(binding, change);
            }
        }
        return refusals.size();
    }
}
