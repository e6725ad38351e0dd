package dev.cutover.core.pipeline;

import dev.cutover.core.drift.DriftListener;
import dev.cutover.core.drift.DriftReport;
import dev.cutover.core.drift.SchemaDrift;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.pipeline.spi.HeldChangeStore;
import dev.cutover.core.pipeline.spi.SourceSchemaProbe;
import dev.cutover.core.schema.TableSchema;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notices when a captured table drifted from its binding's compiled mapping and pauses that
 * binding alone: from the first change that shows the drift on, its changes go to the
 * {@link HeldChangeStore} in capture order instead of being mapped and published.
 *
 * <p>A change is suspect when it cannot be mapped, or when an insert (or a row read by a load)
 * carries fewer columns than the compiled table has (a column was dropped). A suspicion is
 * confirmed by reading the table's live schema and diffing it ({@link SchemaDrift#ofSource});
 * only a {@linkplain DriftReport#blocking() blocking} difference pauses. A compatible one is
 * reported once and its insert width remembered, so the same suspicion does not read the catalog
 * again. When the catalog cannot be read the change is treated as before (a value that cannot be
 * mapped is dead-lettered; the probe reports why it failed). A paused binding stays paused until the bridge restarts.
 *
 * <p>Used from the capture's thread; {@link #paused()} may be read from any thread.
 */
public final class CaptureDriftGuard {

    private final SourceSchemaProbe probe;
    private final HeldChangeStore store;
    private final DriftListener listener;
    private final Map<String, DriftReport> paused = new ConcurrentHashMap<>();
    private final Map<String, Integer> confirmedWidth = new HashMap<>();
    private final Set<String> noted = new HashSet<>();

    /**
     * @param probe reads the captured tables' live schemas
     * @param store keeps the changes of paused bindings
     * @param listener told when a binding pauses
     */
    public CaptureDriftGuard(SourceSchemaProbe probe, HeldChangeStore store, DriftListener listener) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.store = Objects.requireNonNull(store, "store");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** A guard that never pauses: drift shows up as before (mapping failures are dead-lettered). */
    public static CaptureDriftGuard off() {
        return new CaptureDriftGuard(table -> null, (binding, captured) -> {
            throw new IllegalStateException("no held-change store: drift detection is off");
        }, DriftListener.none());
    }

    /** The paused bindings with what drifted, by binding name. */
    public Map<String, DriftReport> paused() {
        return Map.copyOf(paused);
    }

    /** True when {@code binding} is paused: its changes are held. */
    public boolean isPaused(String binding) {
        return paused.containsKey(binding);
    }

    /** Pauses the binding of {@code report} (at start, when its held changes still do not fit) and tells the listener. */
    public void pause(DriftReport report) {
        if (paused.putIfAbsent(report.binding(), report) == null) {
            listener.onPaused(report);
        }
    }

    /** True when {@code event} hints at a dropped column that has not been looked into yet. */
    boolean suspicious(CapturePipeline.MappedBinding binding, ChangeEvent event) {
        if (event.after() == null || event.operation() != Operation.CREATE && event.operation() != Operation.READ) {
            return false;
        }
        int width = event.after().size();
        return width < sourceSchema(binding).columns().size() && confirmedWidth.getOrDefault(binding.name(), -1) != width;
    }

    /**
     * Reads the live schema of the binding's captured table and pauses the binding when it no longer
     * fits; {@code event} is the change that raised the suspicion.
     *
     * @return true when the binding is paused now
     */
    boolean confirm(CapturePipeline.MappedBinding binding, ChangeEvent event) {
        TableSchema live;
        try {
            live = probe.read(binding.sourceTable());
        } catch (Exception e) {
            // The probe reports its own failure; without the live schema nothing is confirmed.
            return false;
        }
        if (live == null) {
            return false;
        }
        DriftReport report = SchemaDrift.ofSource(binding.name(), binding.mapping(), binding.source(), live);
        if (report.blocking()) {
            pause(report);
            return true;
        }
        if (event.after() != null) {
            confirmedWidth.put(binding.name(), event.after().size());
        }
        if (!report.differences().isEmpty() && noted.add(report.describe())) {
            listener.onCompatibleDrift(report);
        }
        return false;
    }

    /** Stores the changes of a paused binding; see {@link HeldChangeStore#hold}. */
    void hold(String binding, List<ChangeEvent> captured) throws Exception {
        store.hold(binding, captured);
    }

    private static TableSchema sourceSchema(CapturePipeline.MappedBinding binding) {
        return binding.source() == dev.cutover.core.event.SystemSide.LEGACY
                ? binding.mapping().legacySchema() : binding.mapping().newSchema();
    }
}
