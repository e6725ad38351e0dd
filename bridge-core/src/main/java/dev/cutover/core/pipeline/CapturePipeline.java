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
import dev.cutover.core.pipeline.spi.PublishRefusal;
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
 * <p>Every change ends one of four ways, never silently: published; held, with every later change
 * of its binding, when the {@link CaptureDriftGuard} finds that the captured table drifted from the
 * compiled mapping (see there); parked in the dead-letter sink when it cannot be mapped for another
 * reason (stage {@code map}) or the publisher refuses it (see {@link RefusalParkingPublisher}); or
 * skipped and counted when its table has no binding (the capture should not deliver those). A
 * change the capture dropped itself ({@link #onSkipped}: an echo, say) is counted under the binding
 * of its table. Held
 * changes are stored before {@link #onBatch} returns, so the capture may commit past them; a start
 * with a fixed mapping publishes them with {@link #drainHeld} before capturing again. A polling
 * source (a batch copy) hands its pages to {@link #offer} instead, which tells what became of
 * them. Called from the source's thread only.
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
    private final CaptureDriftGuard drift;

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
        this(bindings, publisher, deadLetters, listener, clock, tap, CaptureDriftGuard.off());
    }

    /**
     * As {@link #CapturePipeline(List, ChangePublisher, DeadLetterSink, PipelineListener, Clock)},
     * telling {@code tap} of each change before it is published, and pausing bindings whose table
     * drifted as {@code drift} decides.
     */
    public CapturePipeline(List<MappedBinding> bindings, ChangePublisher publisher, DeadLetterSink deadLetters,
            PipelineListener listener, Clock clock, PublishTap tap, CaptureDriftGuard drift) {
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
        this.drift = Objects.requireNonNull(drift, "drift");
    }

    @Override
    public void onBatch(List<ChangeEvent> events) throws Exception {
        offer(events);
    }

    /**
     * Maps and publishes one page of a polling source (a batch copy's rows) as {@link #onBatch}
     * does a captured batch, and tells what became of each change: a polling source counts them,
     * and a full copy must know which rows were mapped to delete the target's others.
     *
     * @throws Exception when publishing or parking failed; nothing may be taken as done
     */
    public PageOutcome offer(List<ChangeEvent> events) throws Exception {
        Instant now = clock.instant();
        Map<String, Outgoing> mappedByBinding = new LinkedHashMap<>();
        Map<String, List<ChangeEvent>> heldByBinding = new LinkedHashMap<>();
        int deadLettered = 0;
        for (ChangeEvent event : events) {
            MappedBinding binding = bindingsBySourceTable.get(event.table());
            if (binding == null) {
                listener.onSkipped(event.table().toString(), event, SKIP_UNBOUND_TABLE);
                continue;
            }
            listener.onCaptured(binding.name(), event, lag(event.commitTime(), now));
            if (drift.isPaused(binding.name()) || drift.suspicious(binding, event) && drift.confirm(binding, event)) {
                heldByBinding.computeIfAbsent(binding.name(), k -> new ArrayList<>()).add(event);
                continue;
            }
            try {
                ChangeEvent mapped = binding.map(event);
                tap.publishing(binding.name(), event);
                mappedByBinding.computeIfAbsent(binding.name(), k -> new Outgoing()).add(event, mapped);
            } catch (MappingException e) {
                if (drift.confirm(binding, event)) {
                    heldByBinding.computeIfAbsent(binding.name(), k -> new ArrayList<>()).add(event);
                } else {
                    park(binding, event, e);
                    deadLettered++;
                }
            }
        }
        hold(heldByBinding);
        List<ChangeEvent> mapped = new ArrayList<>();
        for (Map.Entry<String, Outgoing> e : mappedByBinding.entrySet()) {
            Outgoing out = e.getValue();
            Refusals refusals = publish(bindingByName(e.getKey()), out);
            if (refusals.firstHeld() >= 0) {
                // Those after it were published too; held again, they are applied again after it, in order.
                hold(Map.of(e.getKey(), out.captured.subList(refusals.firstHeld(), out.captured.size())));
            }
            deadLettered += refusals.parked();
            mapped.addAll(out.mapped);
        }
        return new PageOutcome(events.size(), mapped, deadLettered);
    }

    /** Reports {@code event} skipped under the binding reading its table (under the table, as {@code schema.table}, when none does). */
    @Override
    public void onSkipped(ChangeEvent event, String reason) {
        MappedBinding binding = bindingsBySourceTable.get(event.table());
        listener.onSkipped(binding != null ? binding.name() : event.table().toString(), event, reason);
    }

    /** A binding's changes of a batch, as captured and as mapped, in capture order. */
    private static final class Outgoing {
        final List<ChangeEvent> captured = new ArrayList<>();
        final List<ChangeEvent> mapped = new ArrayList<>();

        void add(ChangeEvent capturedChange, ChangeEvent mappedChange) {
            captured.add(capturedChange);
            mapped.add(mappedChange);
        }

        /** Where {@code mappedChange} is, by identity: refusals are rare, and equality would compare row values. */
        int indexOf(ChangeEvent mappedChange) {
            for (int i = 0; i < mapped.size(); i++) {
                if (mapped.get(i) == mappedChange) {
                    return i;
                }
            }
            throw new IllegalArgumentException("the publisher refused a change it was not given");
        }
    }

    private void hold(Map<String, List<ChangeEvent>> heldByBinding) throws Exception {
        for (Map.Entry<String, List<ChangeEvent>> e : heldByBinding.entrySet()) {
            drift.hold(e.getKey(), e.getValue());
            e.getValue().forEach(held -> listener.onDriftHeld(e.getKey(), held));
        }
    }

    /**
     * Publishes a binding's mapped changes. A change refused for not fitting the target's schema
     * may show a source column widened beyond what its target column holds: when the drift guard
     * confirms that, the binding pauses, and the refusal is not dead-lettered.
     */
    private Refusals publish(MappedBinding binding, Outgoing out) throws Exception {
        int[] first = {-1};
        int[] held = {0};
        int refused = publisher.publish(binding.name(), out.mapped, refusal -> {
            if (!PublishRefusal.ENCODE.equals(refusal.stage())) {
                return false;
            }
            int index = out.indexOf(refusal.change());
            boolean taken = drift.isPaused(binding.name()) || drift.confirm(binding, out.captured.get(index));
            if (taken) {
                held[0]++;
                if (first[0] < 0) {
                    first[0] = index;
                }
            }
            return taken;
        });
        return new Refusals(refused - held[0], first[0]);
    }

    /**
     * What the publisher refused of a binding's changes.
     *
     * @param parked how many refusals were dead-lettered
     * @param firstHeld the index of the first change refused for drift and held, or -1 when none was
     */
    private record Refusals(int parked, int firstHeld) {
    }

    private MappedBinding bindingByName(String name) {
        return bindingsBySourceTable.values().stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("binding '" + name + "' is not captured by this pipeline"));
    }

    /**
     * Maps and publishes, in order, the changes held for {@code binding} while it was paused for
     * drift; call at start, before the capture delivers anything. A held change that cannot be
     * mapped for another reason than drift is dead-lettered (stage {@code map}).
     *
     * @param held the binding's held changes, as captured, in capture order
     * @return true when they all went through; false when the captured table still drifts from the
     *     mapping: the binding is then paused, and the changes stay held (some may have been published
     *     already, and are published again, in order, after the next fix)
     * @throws Exception when publishing failed; nothing may be taken as done
     */
    public boolean drainHeld(String binding, List<ChangeEvent> held) throws Exception {
        MappedBinding mappedBinding = bindingByName(binding);
        Outgoing out = new Outgoing();
        for (ChangeEvent event : held) {
            try {
                out.add(event, mappedBinding.map(event));
            } catch (MappingException e) {
                if (drift.confirm(mappedBinding, event)) {
                    return false;
                }
                park(mappedBinding, event, e);
            }
        }
        // Still refused for drift: the changes stay held; those published before it are published again next time, in order.
        return publish(mappedBinding, out).firstHeld() < 0;
    }

    private void park(MappedBinding binding, ChangeEvent event, MappingException e) throws Exception {
        deadLetters.parkAndReport(binding.name(), "map", event, e.getMessage(), listener);
    }

    private static Duration lag(Instant commitTime, Instant now) {
        Duration lag = Duration.between(commitTime, now);
        return lag.isNegative() ? Duration.ZERO : lag;
    }
}
