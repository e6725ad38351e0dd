package dev.cutover.runtime;

import dev.cutover.config.BridgeConfig;
import dev.cutover.core.drift.DriftReport;
import dev.cutover.core.drift.SchemaDrift;
import dev.cutover.core.drift.TargetDriftCheck;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.pipeline.CaptureDriftGuard;
import dev.cutover.core.pipeline.CapturePipeline;
import dev.cutover.core.pipeline.spi.SourceSchemaProbe;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.kafka.KafkaApplyLoop;
import dev.cutover.kafka.KafkaHeldChanges;
import dev.cutover.kafka.KafkaOperationException;
import dev.cutover.kafka.TopicNames;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema drift across a restart: the bindings that start paused because their configuration does
 * not fit the live tables yet, paused again where their changes waited, and the changes a capture
 * held for a paused binding, published once it fits again. Keeps the {@link DriftBoard}, which
 * stores each new pause so the next start knows of it.
 */
final class StartupDrift {

    private static final Logger LOG = LoggerFactory.getLogger(StartupDrift.class);

    private final PausedBindingStore pausedStore;
    private final DriftBoard board;
    private volatile CompiledBridge bridge;
    private KafkaHeldChanges heldChanges;
    private Map<String, KafkaHeldChanges.Pending> pendingHeld = Map.of();

    StartupDrift(BridgeConfig config, CompiledBridge bridge, Clock clock) {
        this.pausedStore = new PausedBindingStore(config.dataDir());
        this.bridge = bridge;
        forgetFitting(bridge);
        this.board = new DriftBoard(clock, TopicNames.held(config.name()), (binding, waits) -> pausedStore.save(binding,
                new PausedBindingStore.Paused(waits, this.bridge.mappings().get(binding).legacySchema(),
                        this.bridge.mappings().get(binding).newSchema())), pausedStore::remove, bridge.startPaused());
    }

    /**
     * Follows a reloaded configuration: bindings started from now on start paused as {@code next}
     * compiled them, and a pause stored from now on keeps {@code next}'s schemas. The board keeps
     * the pauses of the bindings that run on; those of {@code restarting} bindings go, their
     * restarted captures and appliers pause them again where they still drift.
     */
    void rebind(CompiledBridge next, Set<String> restarting) {
        this.bridge = next;
        forgetFitting(next);
        board.restarting(restarting, next.startPaused());
    }

    /** A binding that compiles against the live tables again resumes; if it still drifts, it pauses (and is stored) anew. */
    private void forgetFitting(CompiledBridge compiled) {
        compiled.mappings().keySet().stream().filter(name -> !compiled.startPaused().containsKey(name)).forEach(pausedStore::remove);
    }

    /** The bindings paused for drift now. */
    DriftBoard board() {
        return board;
    }

    /** Reads the changes captures held for paused bindings, before any capture starts. */
    void readHeld(KafkaHeldChanges held) throws KafkaOperationException {
        this.heldChanges = held;
        this.pendingHeld = held.pending(Duration.ofSeconds(60));
    }

    /** Pauses from the start those of {@code writing} whose changes waited for their applier on {@code side}. */
    void pauseAtStart(KafkaApplyLoop loop, List<CompiledBinding> writing, TargetDriftCheck check, SystemSide side) {
        for (CompiledBinding b : writing) {
            if (startsPaused(b, PausedBindingStore.Waits.APPLIER)) {
                loop.pauseAtStart(reportAtStart(b, check::check, side));
            }
        }
    }

    /** Pauses from the start those of {@code reading} whose changes were held by their capture on {@code side}. */
    void pauseAtStart(CaptureDriftGuard guard, List<CompiledBinding> reading, SourceSchemaProbe probe, SystemSide side) {
        for (CompiledBinding b : reading) {
            if (startsPaused(b, PausedBindingStore.Waits.CAPTURE)) {
                guard.pause(reportAtStart(b, name -> SchemaDrift.ofSource(name, b.mapping(), side, probe.read(b.sourceTable())), side));
            }
        }
    }

    /**
     * Publishes, through the mappings just compiled, the changes held for {@code reading} bindings
     * while they were paused for drift, before their capture delivers anything new, so they keep
     * their place in capture order. A binding whose table still does not fit stays paused (the
     * guard reports it) and its later changes are held behind the others.
     */
    void drainHeld(CapturePipeline handler, List<CompiledBinding> reading) throws Exception {
        for (CompiledBinding b : reading) {
            KafkaHeldChanges.Pending pending = pendingHeld.get(b.name());
            if (pending == null || board.isPaused(b.name())) {
                continue;
            }
            if (handler.drainHeld(b.name(), pending.changes())) {
                heldChanges.release(b.name(), pending.through());
                LOG.info("Binding '{}' resumes: published the {} changes held while it was paused for schema drift", b.name(),
                        pending.changes().size());
            }
        }
    }

    /** Warns of held changes no streamed binding of {@code bindings} picks up: they stay on the topic. */
    void warnUnclaimed(String bridgeName, List<CompiledBinding> bindings) {
        pendingHeld.keySet().stream().filter(name -> bindings.stream().noneMatch(b -> b.name().equals(name) && !b.batched()))
                .forEach(name -> LOG.warn("{} holds changes of binding '{}', which no streamed binding of this configuration has;"
                        + " they stay there", TopicNames.held(bridgeName), name));
    }

    /** True when {@code b} starts paused because its configuration does not fit the live tables yet, its changes waiting as {@code waits} says. */
    private boolean startsPaused(CompiledBinding b, PausedBindingStore.Waits waits) {
        return bridge.startPaused().containsKey(b.name()) && pausedStore.load(b.name()).map(p -> p.waits() == waits).orElse(false);
    }

    /** What differs now, for a binding that starts paused; without differences when the table cannot be read. */
    private static DriftReport reportAtStart(CompiledBinding b, DriftCheck check, SystemSide side) {
        try {
            DriftReport report = check.check(b.name());
            if (report != null) {
                return report;
            }
        } catch (Exception e) {
            LOG.warn("Binding '{}' starts paused; its table cannot be diffed now: {}", b.name(), e.toString());
        }
        TableSchema table = side == SystemSide.LEGACY ? b.mapping().legacySchema() : b.mapping().newSchema();
        return new DriftReport(b.name(), side, table.table(), List.of());
    }

    /** Diffs a binding's table, by binding name. */
    @FunctionalInterface
    private interface DriftCheck {
        DriftReport check(String binding) throws Exception;
    }
}
