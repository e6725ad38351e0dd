package dev.cutover.debezium;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.pipeline.spi.ChangeBatchHandler;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/** Acknowledges a batch only when the test hands out a permit, so a test controls how far a capture gets. */
final class GatedHandler implements ChangeBatchHandler {

    private final RecordingHandler recorded = new RecordingHandler();
    private final Semaphore permits;
    private final AtomicInteger waiting = new AtomicInteger();

    GatedHandler(int initialPermits) {
        this.permits = new Semaphore(initialPermits);
    }

    @Override
    public void onBatch(List<ChangeEvent> events) throws Exception {
        waiting.incrementAndGet();
        try {
            permits.acquire();
        } finally {
            waiting.decrementAndGet();
        }
        recorded.onBatch(events);
    }

    void release(int batches) {
        permits.release(batches);
    }

    /** True while a batch waits for a permit. */
    boolean holdsABatch() {
        return waiting.get() > 0;
    }

    RecordingHandler recorded() {
        return recorded;
    }
}
