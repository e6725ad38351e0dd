package dev.cutover.core.pipeline;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.MappingException;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.pipeline.spi.ChangeBatchHandler;
import dev.cutover.core.pipeline.spi.ChangePublisher;
import dev.cutover.core.pipeline.spi.DeadLetterSink;
import dev.cutover.core.pipeline.spi.PipelineListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The capture half of a pipeline: maps each captured change onto the other system's table and
 * publishes it, so the capture may commit its position once {@link #onBatch} returns. One
 * pipeline serves one captured database, so all its bindings read from the same side.
 *
 * <p>Every change ends one of three ways, never silently: published; parked in the dead-letter
 * sink when it cannot be mapped (stage {@code map}) or the publisher refuses it (see
 * {@link RefusalParkingPublisher}); or skipped and counted when its table has no binding (the
 * capture should not deliver those). Called from the source's thread only.
 */
public final class CapturePipeline implements ChangeBatchHandler {

    /** Skip reason for a change of a table no binding reads. */
    public static final String SKIP_UNBOUND_TABLE = "unbound_table";

    private final Map<TableId, MappedBinding> bindingsBySourceTable;
    private final RefusalParkingPublisher publisher;
    private final DeadLetterSink deadLetters;
    private final PipelineListener listener;
    private final Clock clock;
    private final PublishTap tap;

    /** Told of each change that is mapped and about to be published, before the batch is published. */
    @FunctionalInterface
    public interface PublishTap {
        /**
         * @param binding the change's binding
         * @param captured the change as captured, in the captured system's terms
         */
        void publishing(String binding, ChangeEvent captured);
    }

    /**
     * A binding as the capture side sees it.
     *
     * @param name the binding name
     * @param mapping the compiled mapping between the binding's two tables
     * @param source the side whose table is captured; changes are mapped onto the other side
     */
    public record MappedBinding(String name, TableMapping mapping, SystemSide source) {
        public MappedBinding {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mapping, "mapping");
            Objects.requireNonNull(source, "source");
        }

        /** The captured table. */
        public TableId sourceTable() {
            return (source == SystemSide.LEGACY ? mapping.legacySchema() : mapping.newSchema()).table();
        }

        /** The change mapped onto the other side's table. */
        ChangeEvent map(ChangeEvent captured) throws MappingException {
            return source == SystemSide.LEGACY ? mapping.toNew(captured) : mapping.toLegacy(captured);
        }
    }

    public CapturePipeline(List<MappedBinding> bindings, ChangePublisher publisher, DeadLetterSink deadLetters,
            PipelineListener listener, Clock clock) {
        this(bindings, publisher, deadLetters, listener, clock, (binding, captured) -> { });
    }

    /** As {@link #CapturePipeline(List, ChangePublisher, DeadLetterSink, PipelineListener, Clock)}, telling {@code tap} of each change before it is published. */
    public CapturePipeline(List<MappedBinding> bindings, ChangePublisher publisher, DeadLetterSink deadLetters,
            PipelineListener listener, Clock clock, PublishTap tap) {
        this.bindingsBySourceTable = new LinkedHashMap<>();
        for (MappedBinding b : bindings) {
            TableId source = b.sourceTable();
            if (bindingsBySourceTable.put(source, b) != null) {
                throw new IllegalArgumentException("two bindings read " + source);
            }
        }
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.publisher = new RefusalParkingPublisher(publisher, deadLetters, listener);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tap = Objects.requireNonNull(tap, "tap");
    }

    @Override
    public void onBatch(List<ChangeEvent> events) throws Exception {
        Instant now = clock.instant();
        Map<String, List<ChangeEvent>> mappedByBinding = new LinkedHashMap<>();
        for (ChangeEvent event : events) {
            MappedBinding binding = bindingsBySourceTable.get(event.table());
            if (binding == null) {
                listener.onSkipped(event.table().toString(), event, SKIP_UNBOUND_TABLE);
                continue;
            }
            listener.onCaptured(binding.name(), event, lag(event.commitTime(), now));
            ChangeEvent mapped = mapOrPark(binding, event);
            if (mapped != null) {
                tap.publishing(binding.name(), event);
                mappedByBinding.computeIfAbsent(binding.name(), k -> new ArrayList<>()).add(mapped);
            }
        }
        for (Map.Entry<String, List<ChangeEvent>> e : mappedByBinding.entrySet()) {
            publisher.publish(e.getKey(), e.getValue());
        }
    }

    private ChangeEvent mapOrPark(MappedBinding binding, ChangeEvent event) throws Exception {
        try {
            return binding.map(event);
        } catch (MappingException e) {
            deadLetters.parkAndReport(binding.name(), "map", event, e.getMessage(), listener);
            return null;
        }
    }

    private static Duration lag(Instant commitTime, Instant now) {
        Duration lag = Duration.between(commitTime, now);
        return lag.isNegative() ? Duration.ZERO : lag;
    }
}
