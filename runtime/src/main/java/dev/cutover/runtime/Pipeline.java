package dev.cutover.runtime;

import dev.cutover.config.BindingOptions;
import dev.cutover.config.BridgeConfig;
import dev.cutover.core.conflict.ReflectionGuard;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.kafka.HistoryLogReader;
import dev.cutover.kafka.KafkaApplyLoop;
import dev.cutover.kafka.KafkaTopicAdmin;
import dev.cutover.runtime.conflict.ConflictDesk;
import dev.cutover.runtime.deadletter.DeadLetterDesk;
import dev.cutover.runtime.history.HistoryDesk;
import dev.cutover.runtime.metrics.MicrometerPipelineListener;
import dev.cutover.runtime.metrics.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The started components of a bridge: Kafka (when embedded), one applier per system that bindings
 * write, one capture per system that bindings read. A {@code batch} binding starts a copy scheduler
 * instead of a capture, sharing the publisher, topics and appliers with the stream bindings; a
 * {@code none} binding starts nothing; when every binding is {@code none} from the start nothing
 * is started at all, not even Kafka, and the bridge only answers status (a reload to only
 * {@code none} bindings keeps the Kafka clients, for the history). Created by {@link #start}, which leaves
 * the wiring of each part to its assembly; {@link #close} drains and is idempotent.
 */
final class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /**
     * How many of the follower's changes the {@link ReflectionGuard} remembers at most; a longer
     * backlog makes it forget them all, which is safe (a row may flicker) and bounds the memory.
     */
    private static final int REFLECTION_GUARD_ENTRIES = 20_000;

    /** How long one read of the whole history topic may take. */
    private static final Duration HISTORY_READ_TIMEOUT = Duration.ofSeconds(60);

    private final List<CompiledBinding> bindings;
    private final StartupDrift drift;
    private final StartedComponents components = new StartedComponents();
    private final ComponentFailures failures;
    private final MicrometerPipelineListener metrics;
    private final ResyncDesk resyncs;
    private final PipelineStatus status;
    private final BindingControl control;
    private final Set<String> inSync;
    private final Map<String, TableMapping> mappings;
    private Desks desks;
    private HistoryDesk history;
    private ReflectionGuard reflections;
    private LoadHolds loadHolds;
    private volatile boolean closed;
    private volatile boolean reloaded;
    private volatile boolean reloading;

    private Pipeline(BridgeConfig config, CompiledBridge bridge, MicrometerPipelineListener metrics, Clock clock,
            Predicate<String> switching, StartupDrift drift, ComponentFailures failures) {
        this.drift = drift;
        this.failures = failures;
        this.metrics = metrics;
        this.bindings = bridge.directions();
        this.inSync = bridge.inSync();
        this.mappings = bridge.mappings();
        List<BindingOptions> unsynced = config.bindings().stream().filter(b -> !b.synced()).toList();
        this.resyncs = new ResyncDesk(config.bindings(), bindings, components.captures());
        this.control = new BindingControl(config.bindings(), bindings, components.applyLoops(), components.batches(),
                new OperatorPauseStore(config.dataDir()), drift.board(), clock);
        BindingStates states = new BindingStates(components.applyLoops(), drift.board(), control, resyncs::loading, switching);
        this.status = new PipelineStatus(bindings, unsynced, bridge.mappings(), metrics, components.captures(),
                components.applyLoops(), components.batches(), drift.board(), states);
    }

    /**
     * Starts the topics, the appliers and the captures, in that order (and the embedded broker
     * first, unless it runs already).
     *
     * @param embedded the bridge's embedded broker, which outlives its pipelines; null with an external cluster
     * @param onFailure told once when a running component fails
     * @param switching whether a binding's direction is being switched, for its state
     * @param reloaded true when a reload starts it: the history records the reload, not a start
     */
    static Pipeline start(BridgeConfig config, CompiledBridge bridge, EmbeddedKafka embedded, MicrometerPipelineListener metrics,
            MeterRegistry registry, Clock clock, BiConsumer<String, Throwable> onFailure, Predicate<String> switching,
            boolean reloaded) throws Exception {
        Pipeline p = new Pipeline(config, bridge, metrics, clock, switching, new StartupDrift(config, bridge, clock),
                new ComponentFailures());
        p.reloaded = reloaded;
        p.registerStateGauges(config, registry);
        try {
            p.startAll(config, embedded, registry, clock, onFailure);
            return p;
        } catch (Exception | Error e) {
            p.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Reloads {@code previous} to {@code config}, keeping running what {@code scope} keeps: stops
     * the other components of {@code previous} (which is done with afterwards), then starts a
     * pipeline that adopts the kept ones, its Kafka clients, desks, history and drift board, and
     * starts the rest on {@code config}. The bindings of kept components never pause. When the
     * start fails, everything is closed and the caller starts a pipeline anew.
     *
     * @param scope what keeps running; never {@link ReloadScope#RESTART_ALL}
     */
    static Pipeline reload(Pipeline previous, BridgeConfig config, CompiledBridge bridge, ReloadScope scope, Duration drainTimeout,
            MeterRegistry registry, Clock clock, BiConsumer<String, Throwable> onFailure, Predicate<String> switching) throws Exception {
        previous.handOver(scope, drainTimeout, registry);
        List<ReloadScope.Lane> lanes = bridge.directions().stream().map(ReloadScope.Lane::of).toList();
        previous.drift.rebind(bridge, scope.restartedBindings(lanes));
        Pipeline p = new Pipeline(config, bridge, previous.metrics, clock, switching, previous.drift, previous.failures);
        p.components.adopt(previous.components, scope);
        p.reloaded = true;
        try {
            p.registerStateGauges(config, registry);
            p.continueFrom(previous, config, scope, registry, clock, onFailure);
            return p;
        } catch (Exception | Error e) {
            p.close(Duration.ZERO);
            throw e;
        }
    }

    /** Stops what {@code scope} does not keep; this pipeline is done with, its Kafka and kept components go on in the next. */
    private synchronized void handOver(ReloadScope scope, Duration drainTimeout, MeterRegistry registry) {
        closed = true;
        reloading = true;
        components.stopAllBut(scope, drainTimeout, registry, twoWay());
        registry.find(MetricNames.BINDING_STATE).meters().forEach(registry::remove);
    }

    private void continueFrom(Pipeline previous, BridgeConfig config, ReloadScope scope, MeterRegistry registry, Clock clock,
            BiConsumer<String, Throwable> onFailure) throws Exception {
        BridgeKafka kafka = components.kafka();
        kafka.reroute(bindings.stream().map(CompiledBinding::route).toList());
        drift.readHeld(kafka.heldChanges());
        history = previous.history;
        control.recordIn(history);
        desks = previous.desks.rebind(config.name(), kafka, bindings, registry, !scope.appliers().contains(BridgeRoles.ARBITER));
        reflections = previous.reflections;
        loadHolds = previous.loadHolds;
        startComponents(new BridgeWiring(config, metrics, registry, clock, kafka, desks, drift, reflections, failures,
                bindings.stream().anyMatch(CompiledBinding::twoWay), components, control, inSync, loadHolds), scope);
        recordStartAndStop(config);
        failures.arm(onFailure);
    }

    private void startAll(BridgeConfig config, EmbeddedKafka embedded, MeterRegistry registry, Clock clock,
            BiConsumer<String, Throwable> onFailure) throws Exception {
        if (bindings.isEmpty() && !reloaded) {
            // Only none bindings: there is nothing to capture, publish or apply, so Kafka is not needed either.
            LOG.info("Bridge '{}' syncs no table (every binding has direction none): starting no Kafka, capture or applier",
                    config.name());
            return;
        }
        // Reloaded to only none bindings, the bridge keeps the Kafka it had: its history (the retirement too) goes on.
        boolean twoWay = bindings.stream().anyMatch(CompiledBinding::twoWay);
        BridgeKafka kafka = new BridgeKafka(config, embedded);
        components.kafka(kafka);
        kafka.start(bindings.stream().map(CompiledBinding::route).toList(), twoWay, clock);
        drift.readHeld(kafka.heldChanges());
        history = new HistoryDesk(kafka.history(), new HistoryLogReader(config.name(), kafka.clientProps(), HISTORY_READ_TIMEOUT)::read,
                clock);
        control.recordIn(history);
        desks = Desks.open(config.name(), kafka, bindings, metrics, registry, clock);
        reflections = new ReflectionGuard(REFLECTION_GUARD_ENTRIES);
        loadHolds = new LoadHolds();
        components.retention(new RetainedLogMonitor(config.name(), config.tuning().slotRetainedWarn(),
                config.tuning().slotProbeInterval(), registry, clock));
        startComponents(new BridgeWiring(config, metrics, registry, clock, kafka, desks, drift, reflections, failures, twoWay,
                components, control, inSync, loadHolds), ReloadScope.RESTART_ALL);
        recordStartAndStop(config);
        failures.arm(onFailure);
    }

    /** Starts the appliers, then the captures, then the batch copies, except those {@code kept} runs already. */
    private void startComponents(BridgeWiring wiring, ReloadScope kept) throws Exception {
        ApplyAssembly appliers = new ApplyAssembly(wiring);
        for (SystemSide side : SystemSide.values()) {
            List<CompiledBinding> writing = bindings.stream().filter(b -> b.target() == side).toList();
            if (!writing.isEmpty() && !kept.appliers().contains(side)) {
                appliers.start(side, writing);
            }
        }
        CaptureAssembly captures = new CaptureAssembly(wiring);
        for (SystemSide side : SystemSide.values()) {
            List<CompiledBinding> reading = bindings.stream().filter(b -> b.source() == side && !b.batched()).toList();
            if (!reading.isEmpty() && !kept.captures().contains(side)) {
                captures.start(side, reading);
            }
        }
        drift.warnUnclaimed(wiring.config().name(), bindings);
        components.retention().start();
        bindings.stream().filter(b -> b.batched() && !kept.batches().contains(b.name())).forEach(b -> BatchAssembly.start(wiring, b));
    }

    /** {@code cutover_binding_state}: per binding, target system and state, 1 for the state it is in. */
    private void registerStateGauges(BridgeConfig config, MeterRegistry registry) {
        for (BindingOptions b : config.bindings()) {
            List<String> targets = b.synced() ? bindings.stream().filter(c -> c.name().equals(b.name()))
                    .map(c -> c.target().label()).toList() : List.of(PipelineStatus.NO_TARGET);
            for (String target : targets) {
                for (BindingState state : BindingState.values()) {
                    Gauge.builder(MetricNames.BINDING_STATE, () -> status.states(isRunning()).getOrDefault(b.name(), Map.of())
                                    .get(target) == state ? 1 : 0)
                            .description("1 for the state a binding (its direction writing the system) is in, 0 for the others")
                            .tag(MetricNames.TAG_BINDING, b.name()).tag(MetricNames.TAG_SYSTEM, target)
                            .tag(MetricNames.TAG_STATE, state.tag()).register(registry);
                }
            }
        }
    }

    /** Records in the history that the bridge started, and has it record the stop before Kafka closes. */
    private void recordStartAndStop(BridgeConfig config) throws Exception {
        if (!reloaded) {
            Map<String, String> directions = new LinkedHashMap<>();
            config.bindings().forEach(b -> directions.put(b.name(), b.direction().label()));
            history.bridgeStarted(config.name(), directions);
        }
        components.beforeKafkaCloses(drainTimeout -> {
            if (!reloading) {
                history.bridgeStopped(config.name(), drainTimeout);
            }
        });
    }

    boolean isRunning() {
        return !closed && components.captures().values().stream().allMatch(c -> c.failure() == null)
                && components.applyLoops().values().stream().allMatch(a -> a.failure() == null);
    }

    /**
     * True when every applier joined its consumer group and nothing keeps retrying: every binding
     * is applying (or has nothing to apply).
     */
    boolean isApplying() {
        return isRunning() && components.applyLoops().values().stream().allMatch(KafkaApplyLoop::joined) && outages().isEmpty()
                && drift.board().reasons().isEmpty();
    }

    /** The bindings failed in their applier, each with its cause; empty when none is. */
    List<String> failedBindings() {
        return status.failures();
    }

    /** Every direction that syncs, as a reload's {@link ReloadScope} compares them. */
    List<ReloadScope.Lane> lanes() {
        return bindings.stream().map(ReloadScope.Lane::of).toList();
    }

    /** The directions of {@code binding} that run (two for a two-way binding, none for a {@code none} one). */
    List<CompiledBinding> directionsOf(String binding) {
        return bindings.stream().filter(b -> b.name().equals(binding)).toList();
    }

    /** The compiled mapping of {@code binding}, {@code none} ones included. */
    TableMapping mapping(String binding) {
        TableMapping mapping = mappings.get(binding);
        if (mapping == null) {
            throw new IllegalArgumentException("no binding '" + binding + "' runs");
        }
        return mapping;
    }

    /** The apply loop writing {@code side}; null when no binding writes it. */
    KafkaApplyLoop applyLoop(SystemSide side) {
        return components.applyLoops().get(side);
    }

    /** Pauses and resumes bindings for operators. */
    BindingControl bindingControl() {
        return control;
    }

    /** The bindings paused for schema drift, each with what drifted; empty when none is. */
    List<String> pausedForDrift() {
        return drift.board().reasons();
    }

    /**
     * The components that keep retrying something that is down right now, each with the bindings it
     * holds up, the cause, since when and how often it tried; empty while everything flows.
     */
    List<Map<String, Object>> outages() {
        return status.outages();
    }

    /** Why each capture that is not streaming is down, by system label. */
    Map<String, String> captureOutages() {
        return status.captureOutages();
    }

    /** What {@code /status} shows for each binding, synced or not. */
    List<Map<String, Object>> bindingStatus() {
        return status.bindings(isRunning());
    }

    /** The conflicts of the two-way bindings; null when there are none. */
    ConflictDesk conflicts() {
        return desks == null ? null : desks.conflicts();
    }

    /** The dead letters of the synced bindings; null when nothing is synced. */
    DeadLetterDesk deadLetters() {
        return desks == null ? null : desks.deadLetters();
    }

    /** The lifecycle history of the bridge and its bindings; null when nothing is synced (no Kafka keeps it). */
    HistoryDesk history() {
        return history;
    }

    /** Requests and follows resyncs of the streamed bindings. */
    ResyncDesk resyncs() {
        return resyncs;
    }

    String bootstrapServers() {
        return components.kafka() == null ? null : components.kafka().bootstrapServers();
    }

    /**
     * Per captured system label: when its Debezium engine last started ({@code engineStartedAt}: at
     * start, after an outage, or when a reload restarted that capture; a reload that keeps it
     * leaves it as it was) and when the heartbeat row it writes itself last came back through it
     * ({@code lastBeatRow}, null before one did since that start).
     */
    Map<String, Map<String, Object>> captureEngines() {
        Map<String, Map<String, Object>> engines = new LinkedHashMap<>();
        components.captures().forEach((side, capture) -> {
            Map<String, Object> engine = new LinkedHashMap<>();
            engine.put("engineStartedAt", String.valueOf(capture.engineStartedAt()));
            Instant beat = capture.lastHeartbeatRow();
            engine.put("lastBeatRow", beat == null ? null : beat.toString());
            engines.put(side.label(), engine);
        });
        return engines;
    }

    /** What each capture's position retains, by system label, for {@code /status}; empty when nothing is captured. */
    Map<String, Map<String, Object>> retentionStatus() {
        return components.retention() == null ? Map.of() : components.retention().status();
    }

    /** As {@link #close}, for a reload that starts another pipeline: the history records the reload, not a stop. */
    void closeForReload(Duration drainTimeout) {
        reloading = true;
        close(drainTimeout);
    }

    /**
     * After {@link #closeForReload}: releases the log position of each database this pipeline
     * captured and {@code next} does not, whose PostgreSQL slot would otherwise keep WAL for ever.
     *
     * @return per database, what was released, or why it could not be
     */
    Map<SystemSide, String> retireCapturesLeftBy(Pipeline next) {
        Map<SystemSide, String> retired = new EnumMap<>(SystemSide.class);
        components.captures().forEach((side, capture) -> {
            if (!next.components.captures().containsKey(side)) {
                try {
                    retired.put(side, capture.retire());
                } catch (Exception e) {
                    retired.put(side, "not released (" + e.getMessage() + "); cutover check reports what it retains");
                }
            }
        });
        return retired;
    }

    /** See {@link CaptureSupervisor#beatAndAwait}; false without a capture of {@code side}. */
    boolean beatAndAwait(SystemSide side, Duration timeout) throws InterruptedException {
        CaptureSupervisor capture = components.captures().get(side);
        return capture != null && capture.beatAndAwait(timeout);
    }

    /**
     * True once each capture streamed a heartbeat row (each writes one as its task starts, after its
     * PostgreSQL publication was brought up to date): from then on every write is captured.
     */
    boolean everyCaptureStreamsItsBeat() {
        return components.captures().values().stream().allMatch(c -> c.lastHeartbeatRow() != null);
    }

    /** How many databases this pipeline captures. */
    int captureCount() {
        return components.captures().size();
    }

    /** The change topics of {@code binding} (one per direction); empty when it does not sync. */
    List<String> topicsOf(String binding) {
        return directionsOf(binding).stream().map(b -> b.route().topic()).toList();
    }

    /**
     * Deletes {@code topics} (a removed binding's, no longer read) and forgets that the binding was
     * paused.
     *
     * @return what was deleted
     */
    String purge(String binding, List<String> topics) throws Exception {
        control.forget(binding);
        BridgeKafka kafka = components.kafka();
        if (topics.isEmpty()) {
            return "no change topics to delete";
        }
        if (kafka == null) {
            throw new IllegalStateException("Kafka does not run (no binding syncs), so topics " + topics + " stay; delete them with"
                    + " kafka-topics --delete");
        }
        try (KafkaTopicAdmin admin = new KafkaTopicAdmin(kafka.clientProps())) {
            return "deleted topics " + admin.deleteTopics(topics);
        }
    }

    /** Stops the captures, lets the appliers drain for up to {@code drainTimeout}, then closes all. */
    synchronized void close(Duration drainTimeout) {
        if (closed) {
            return;
        }
        closed = true;
        failures.close();
        components.close(drainTimeout, twoWay());
    }

    /** True when a binding of this pipeline is two-way: the follower's applier then writes the arbiter's reflections. */
    private boolean twoWay() {
        return bindings.stream().anyMatch(CompiledBinding::twoWay);
    }
}
