package dev.cutover.debezium;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.pipeline.spi.ChangeBatchHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Records every acknowledged batch; can be told to fail the first batch matching a condition. */
final class RecordingHandler implements ChangeBatchHandler {

    private final List<List<ChangeEvent>> batches = new CopyOnWriteArrayList<>();
    private final Predicate<List<ChangeEvent>> failWhen;
    private volatile List<ChangeEvent> failedBatch;

    RecordingHandler() {
        this(batch -> false);
    }

    private RecordingHandler(Predicate<List<ChangeEvent>> failWhen) {
        this.failWhen = failWhen;
    }

    /** A handler that throws on the first batch for which {@code condition} holds, and on every batch after it. */
    static RecordingHandler failingWhen(Predicate<List<ChangeEvent>> condition) {
        return new RecordingHandler(condition);
    }

    @Override
    public void onBatch(List<ChangeEvent> events) throws Exception {
        if (failedBatch != null || failWhen.test(events)) {
            if (failedBatch == null) {
                failedBatch = List.copyOf(events);
            }
            throw new IllegalStateException("simulated downstream failure");
        }
        batches.add(List.copyOf(events));
    }

    /** Acknowledged batches, in order. */
    List<List<ChangeEvent>> batches() {
        return batches;
    }

    /** Every acknowledged event, in order. */
    List<ChangeEvent> events() {
        List<ChangeEvent> all = new ArrayList<>();
        batches.forEach(all::addAll);
        return all;
    }

    /** The batch the handler refused, or null. */
    List<ChangeEvent> failedBatch() {
        return failedBatch;
    }
}
