package dev.cutover.runtime;

import dev.cutover.config.BindingOptions;
import dev.cutover.config.BridgeConfig;
import dev.cutover.config.SystemOptions;
import dev.cutover.config.TuningOptions;
import dev.cutover.core.conflict.ConflictCheck;
import dev.cutover.core.conflict.ConflictLog;
import dev.cutover.core.conflict.ConflictLogEntry;
import dev.cutover.core.conflict.ConflictResolvers;
import dev.cutover.core.conflict.ConflictSpec;
import dev.cutover.core.conflict.ReflectionGuard;
import dev.cutover.core.deadletter.DeadLetterEntry;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.drift.DriftReport;
import dev.cutover.core.drift.SchemaDrift;
import dev.cutover.core.drift.TargetDriftCheck;
import dev.cutover.core.pipeline.CaptureDriftGuard;
import dev.cutover.core.pipeline.CapturePipeline;
import dev.cutover.core.pipeline.ApplyPipeline;
import dev.cutover.core.pipeline.TwoWayTarget;
import dev.cutover.core.pipeline.spi.SourceSchemaProbe;
import dev.cutover.core.retry.Backoff;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.debezium.CaptureOptions;
import dev.cutover.debezium.CapturedTable;
import dev.cutover.debezium.DebeziumCaptureSource;
import dev.cutover.debezium.RetainedLogProbe;
import dev.cutover.jdbc.ApplyMarker;
import dev.cutover.jdbc.ConflictHandling;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.jdbc.JdbcRowReader;
import dev.cutover.kafka.BindingRoute;
import dev.cutover.kafka.ConflictLogReader;
import dev.cutover.kafka.DeadLetterLogReader;
import dev.cutover.kafka.EmbeddedKafkaBroker;
import dev.cutover.kafka.KafkaApplyLoop;
import dev.cutover.kafka.KafkaApplyOptions;
import dev.cutover.kafka.KafkaChangePublisher;
import dev.cutover.kafka.KafkaConflictSink;
import dev.cutover.kafka.KafkaDeadLetterSink;
import dev.cutover.kafka.KafkaHeldChanges;
import dev.cutover.kafka.KafkaOperationException;
import dev.cutover.kafka.KafkaTopicAdmin;
import dev.cutover.kafka.RecordSizeLimit;
import dev.cutover.kafka.SchemaTopic;
import dev.cutover.kafka.TopicSchemas;
import dev.cutover.kafka.TopicNames;
import dev.cutover.kafka.TopicSettings;
import dev.cutover.runtime.batch.BatchScheduler;
import dev.cutover.runtime.conflict.ConflictDesk;
import dev.cutover.runtime.deadletter.DeadLetterDesk;
import dev.cutover.runtime.deadletter.LedgerRecordSink;
import dev.cutover.runtime.metrics.MetricNames;
import dev.cutover.runtime.metrics.MicrometerPipelineListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The started components of a bridge and the order they stop in: Kafka (when embedded), one
 * applier per system that bindings write, one capture per system that bindings read. A
 * {@code batch} binding starts a copy scheduler instead of a capture, sharing the publisher, topics and
 * appliers with the stream bindings; a {@code none} binding starts nothing; when every binding is {@code none} nothing is started at
 * all, not even Kafka, and the bridge only answers status. Created by {@link #start};
 * {@link #close} drains and is idempotent.
 */
final class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /**
     * How many of the follower's changes the {@link ReflectionGuard} remembers at most; a longer
     * backlog makes it forget them all, which is safe (a row may flicker) and bounds the memory.
     */
    private static final int REFLECTION_GUARD_ENTRIES = 20_000;

    /** The shortest silence taken for a stalled capture: a long batch (large rows) can keep heartbeats back for a while. */
    private static final Duration MIN_STALL = Duration.ofSeconds(60);

    /** The {@code /status} state of a binding whose capture or applier keeps retrying something that is down. */
    static final String DEGRADED = "DEGRADED";

    /** The {@code /status} state of a {@code none} binding, which has nothing running. */
    static final String NOT_SYNCED = "NOT_SYNCED";

    private final List<CompiledBinding> bindings;
    private final List<BindingOptions> unsynced;
    private final Map<String, TableMapping> mappings;
    private final MicrometerPipelineListener metrics;
    private final Map<SystemSide, CaptureSupervisor> captures = new EnumMap<>(SystemSide.class);
    private final Map<SystemSide, KafkaApplyLoop> applyLoops = new EnumMap<>(SystemSide.class);
    private final Map<SystemSide, JdbcApplier> appliers = new EnumMap<>(SystemSide.class);
    private final Map<String, BatchScheduler> batches = new LinkedHashMap<>();
    private EmbeddedKafkaBroker broker;
    private String bootstrapServers;
    private KafkaChangePublisher publisher;
    private KafkaDeadLetterSink deadLetters;
    private KafkaHeldChanges heldChanges;
    private Map<String, KafkaHeldChanges.Pending> pendingHeld = Map.of();
    private final DriftBoard drift;
    private final PausedBindingStore pausedStore;
    private final Map<String, List<String>> startPaused;
    private DeadLetterDesk deadLetterDesk;
    private KafkaConflictSink conflictStore;
    private List<ConflictLogEntry> conflictHistory = List.of();
    private ConflictDesk conflicts;
    private final ResyncDesk resyncs;
    private final ReflectionGuard reflections = new ReflectionGuard(REFLECTION_GUARD_ENTRIES);
    private RetainedLogMonitor retention;
    private final ComponentFailures failures = new ComponentFailures();
    private final PipelineStatus status;
    private volatile boolean closed;

    private Pipeline(BridgeConfig config, CompiledBridge bridge, MicrometerPipelineListener metrics, Clock clock) {
        this.pausedStore = new PausedBindingStore(config.dataDir());
        this.startPaused = bridge.startPaused();
        // A binding that compiles against the live tables again resumes; if it still drifts, it pauses (and is stored) anew.
        bridge.mappings().keySet().stream().filter(name -> !startPaused.containsKey(name)).forEach(pausedStore::remove);
        this.drift = new DriftBoard(clock, TopicNames.held(config.name()), (binding, waits) -> pausedStore.save(binding,
                new PausedBindingStore.Paused(waits, bridge.mappings().get(binding).legacySchema(),
                        bridge.mappings().get(binding).newSchema())), startPaused);
        this.bindings = bridge.directions();
        this.unsynced = config.bindings().stream().filter(b -> !b.synced()).toList();
        this.mappings = bridge.mappings();
        this.metrics = metrics;
        this.resyncs = new ResyncDesk(config.bindings(), bindings, captures);
        this.status = new PipelineStatus(bindings, unsynced, mappings, metrics, captures, applyLoops, batches, drift);
    }

    /**
     * Starts Kafka (when embedded), topics, the appliers and the captures, in that order.
     *
     * @param onFailure told once when a running component fails
     */
    static Pipeline start(BridgeConfig config, CompiledBridge bridge, MicrometerPipelineListener metrics,
            MeterRegistry registry, Clock clock, BiConsumer<String, Throwable> onFailure) throws Exception {
        Pipeline p = new Pipeline(config, bridge, metrics, clock);
        try {
            p.startAll(config, registry, clock, onFailure);
            return p;
        } catch (Exception | Error e) {
            p.close(Duration.ZERO);
            throw e;
        }
    }

    private void startAll(BridgeConfig config, MeterRegistry registry, Clock clock,
            BiConsumer<String, Throwable> onFailure) throws Exception {
        if (bindings.isEmpty()) {
            // Only none bindings: there is nothing to capture, publish or apply, so Kafka is not needed either.
            LOG.info("Bridge '{}' syncs no table (every binding has direction none): starting no Kafka, capture or applier",
                    config.name());
            return;
        }
        Map<String, String> clientProps = startKafka(config);
        List<BindingRoute> routes = bindings.stream().map(CompiledBinding::route).toList();
        try (KafkaTopicAdmin admin = new KafkaTopicAdmin(clientProps)) {
            admin.ensureTopics(config.name(), routes,
                    new TopicSettings(config.kafka().partitions(), (short) config.kafka().replicationFactor(), recordLimit(config)));
        }
        try (SchemaTopic schemas = new SchemaTopic(config.name(), clientProps)) {
            for (BindingRoute route : routes) {
                schemas.publish(TopicSchemas.of(config.name(), route));
            }
        }
        deadLetters = new KafkaDeadLetterSink(config.name(), clientProps, clock, recordLimit(config));
        heldChanges = new KafkaHeldChanges(config.name(), clientProps, recordLimit(config));
        pendingHeld = heldChanges.pending(Duration.ofSeconds(60));
        startDeadLetterDesk(config, clientProps, registry, clock);
        boolean twoWay = bindings.stream().anyMatch(CompiledBinding::twoWay);
        if (twoWay) {
            startConflictDesk(config, clientProps, registry);
        }
        publisher = new KafkaChangePublisher(config.name(), clientProps, routes, recordLimit(config));
        for (SystemSide side : SystemSide.values()) {
            List<CompiledBinding> writing = bindings.stream().filter(b -> b.target() == side).toList();
            if (!writing.isEmpty()) {
                startApplier(config, side, writing, clientProps, registry, clock, twoWay);
            }
        }
        retention = new RetainedLogMonitor(config.name(), config.tuning().slotRetainedWarn(), config.tuning().slotProbeInterval(),
                registry, clock);
        for (SystemSide side : SystemSide.values()) {
            List<CompiledBinding> reading = bindings.stream().filter(b -> b.source() == side && !b.batched()).toList();
            if (!reading.isEmpty()) {
                startCapture(config, side, reading, clock, twoWay);
            }
        }
        pendingHeld.keySet().stream().filter(name -> bindings.stream().noneMatch(b -> b.name().equals(name) && !b.batched()))
                .forEach(name -> LOG.warn("{} holds changes of binding '{}', which no streamed binding of this configuration has;"
                        + " they stay there", TopicNames.held(config.name()), name));
        retention.start();
        bindings.stream().filter(CompiledBinding::batched).forEach(b -> startBatch(config, b, registry, clock));
        failures.arm(onFailure);
    }

    private Map<String, String> startKafka(BridgeConfig config) {
        if (config.kafka().embedded()) {
            broker = EmbeddedKafkaBroker.start(config.kafka().dataDir(), config.kafka().embeddedPort(), recordLimit(config));
            bootstrapServers = broker.bootstrapServers();
            LOG.info("Embedded Kafka broker listening on {}", bootstrapServers);
        } else {
            bootstrapServers = config.kafka().bootstrap();
        }
        Map<String, String> clientProps = new HashMap<>(config.kafka().properties());
        clientProps.put("bootstrap.servers", bootstrapServers);
        return clientProps;
    }

    /** The largest record, as {@code kafka.max-record-bytes} says, for every Kafka client, topic and the embedded broker. */
    private static RecordSizeLimit recordLimit(BridgeConfig config) {
        return new RecordSizeLimit(config.kafka().maxRecordBytes());
    }

    /** Reads the conflicts topic into the index that answers queries; the appliers restore their parked keys from it. */
    private void startConflictDesk(BridgeConfig config, Map<String, String> clientProps, MeterRegistry registry)
            throws KafkaOperationException {
        conflictStore = new KafkaConflictSink(config.name(), clientProps);
        conflictHistory = new ConflictLogReader(config.name(), clientProps, Duration.ofSeconds(60)).readAll();
        ConflictLog log = new ConflictLog();
        conflictHistory.forEach(log::add);
        Map<String, TableMapping> mappings = new LinkedHashMap<>();
        bindings.stream().filter(CompiledBinding::twoWay).forEach(b -> mappings.put(b.name(), b.mapping()));
        conflicts = new ConflictDesk(conflictStore, log, mappings, metrics);
        Gauge.builder(MetricNames.CONFLICTS_OPEN, conflicts, ConflictDesk::openCount)
                .description("Conflicts waiting for a person").baseUnit("conflicts").register(registry);
        LOG.info("Conflict log of bridge '{}': {} entries, {} conflicts waiting for a person", config.name(),
                conflictHistory.size(), conflicts.openCount());
    }

    /**
     * Reads the dead-letter log back before any capture or applier starts, so every row blocked
     * before a restart is blocked again before the first change is applied.
     */
    private void startDeadLetterDesk(BridgeConfig config, Map<String, String> clientProps, MeterRegistry registry, Clock clock)
            throws KafkaOperationException {
        List<DeadLetterEntry> log = new DeadLetterLogReader(config.name(), clientProps,
                Duration.ofSeconds(60)).readAll();
        List<DeadLetterDesk.Binding> synced = bindings.stream()
                .map(b -> new DeadLetterDesk.Binding(b.name(), b.mapping(), b.source())).toList();
        deadLetterDesk = DeadLetterDesk.create(log, deadLetters, synced, metrics, clock);
        for (String b : bindings.stream().map(CompiledBinding::name).distinct().toList()) {
            Gauge.builder(MetricNames.DEADLETTERS_OPEN, deadLetterDesk, d -> d.openCount(b))
                    .description("Dead letters waiting for a person").tag(MetricNames.TAG_BINDING, b)
                    .register(registry);
        }
        LOG.info("Dead-letter log of bridge '{}': {} entries, {} dead letters need a person", config.name(), log.size(),
                deadLetterDesk.list(true, null).size());
    }

    private void startApplier(BridgeConfig config, SystemSide side, List<CompiledBinding> writing,
            Map<String, String> clientProps, MeterRegistry registry, Clock clock, boolean twoWay) {
        Map<TableId, TableSchema> targets = new LinkedHashMap<>();
        writing.forEach(b -> targets.put(b.route().targetSchema().table(), b.route().targetSchema()));
        Map<TableId, String> bindingByTable = new LinkedHashMap<>();
        writing.forEach(b -> bindingByTable.put(b.route().targetSchema().table(), b.name()));
        LedgerRecordSink loopDeadLetters = new LedgerRecordSink(deadLetterDesk.ledger(), deadLetters);
        ApplyPipeline.Builder steps = ApplyPipeline.builder(loopDeadLetters, metrics, bindingByTable)
                .blockingDeadLetteredRows(deadLetterDesk.ledger());
        JdbcApplier applier;
        if (twoWay && side == BridgeRoles.ARBITER) {
            Map<TableId, ConflictCheck> checks = new LinkedHashMap<>();
            for (CompiledBinding b : writing) {
                if (b.twoWay()) {
                    ConflictSpec spec = b.options().conflict();
                    checks.put(b.route().targetSchema().table(), new ConflictCheck(b.name(), side, spec.policy(),
                            ConflictResolvers.create(spec, side, BindingCompiler.conflictColumn(b)), clock));
                }
            }
            // The arbiter's writes are not marked: they travel to the follower, which takes them as they come.
            applier = new JdbcApplier(BindingCompiler.connections(config.system(side)), targets, clock, null,
                    new ConflictHandling(checks, conflicts));
            applier.restoreParked(conflictHistory);
            conflicts.serve(side, applier);
            steps.arbiter(applier, reflections, twoWayTargets(writing));
        } else if (twoWay) {
            // The follower marks its transactions so its capture drops them. Its upserts leave a row that
            // already holds the arbiter's version untouched, so the arbiter's version of the follower's
            // own change is not written a second time, and one superseded by a later change is left out.
            applier = new JdbcApplier(BindingCompiler.connections(config.system(side)), targets, clock,
                    new ApplyMarker(config.name(), CaptureOptions.ownTable(config.system(side).jdbcUrl(), ApplyMarker.DEFAULT_TABLE)), null);
            JdbcRowReader rows = new JdbcRowReader(BindingCompiler.connections(config.system(side)));
            steps.follower(applier, reflections, twoWayTargets(writing), (table, key) -> firstOrNull(rows.readByKeys(table, List.of(key))));
        } else {
            applier = new JdbcApplier(BindingCompiler.connections(config.system(side)), targets, clock);
            steps.applier(applier);
        }
        appliers.put(side, applier);
        deadLetterDesk.serve(side, applier);
        String group = config.name() + ".apply." + side.label();
        KafkaApplyLoop loop = new KafkaApplyLoop(config.name(), clientProps,
                writing.stream().map(CompiledBinding::route).toList(), steps.build(), loopDeadLetters, metrics,
                KafkaApplyOptions.of(group, config.tuning().applyBatchSize(), config.tuning().retryBackoffMax())
                        .withRecordLimit(recordLimit(config))
                        .withGroupInstanceId(BridgeRoles.groupInstanceId(config, group)));
        Map<String, String> topicByBinding = new HashMap<>();
        writing.forEach(b -> topicByBinding.put(b.name(), b.route().topic()));
        TargetDriftCheck targetDrift = JdbcDriftProbes.target(config.system(side), writing);
        loop.watchDrift(targetDrift, drift.applierListener(topicByBinding));
        for (CompiledBinding b : writing) {
            if (startsPaused(b, PausedBindingStore.Waits.APPLIER)) {
                loop.pauseAtStart(reportAtStart(b, targetDrift::check, side));
            }
        }
        applyLoops.put(side, loop);
        loop.onFailure(cause -> failures.failed("applier of the " + side.label() + " database", cause));
        Gauge.builder(MetricNames.CONSUMER_LAG, loop, KafkaApplyLoop::lag)
                .description("Records on the change topics the applier has yet to consume")
                .baseUnit("records").tag(MetricNames.TAG_SYSTEM, side.label()).register(registry);
        loop.start();
    }

    private void startCapture(BridgeConfig config, SystemSide side, List<CompiledBinding> reading, Clock clock, boolean twoWay)
            throws Exception {
        SystemOptions source = config.system(side);
        TuningOptions tuning = config.tuning();
        List<CapturedTable> tables = new ArrayList<>();
        for (CompiledBinding b : reading) {
            TableSchema captured = side == SystemSide.LEGACY ? b.mapping().legacySchema() : b.mapping().newSchema();
            tables.add(new CapturedTable(captured.table(), captured.keyColumns()));
        }
        CaptureOptions.Builder options = CaptureOptions.builder(config.name(), side)
                .database(source.jdbcUrl(), source.user(), BindingCompiler.password(source))
                .tables(tables)
                .offsetFile(BridgeRoles.offsetFile(config, side))
                .pollInterval(tuning.capturePollInterval())
                .maxBatchSize(tuning.captureBatchSize())
                .heartbeatInterval(tuning.heartbeatInterval());
        if (twoWay && side != BridgeRoles.ARBITER) {
            // The follower's applier marks its transactions; drop them here so they never travel back.
            options.suppressEchoes();
        }
        // Debezium gives up at once; the supervisor retries for as long as the outage lasts, and shows it.
        options.maxRetries(0);
        CaptureOptions built = options.build();
        retention.watch(side, RetainedLogProbe.of(built), BindingCompiler.connections(source)::open);
        List<CapturePipeline.MappedBinding> mapped = reading.stream()
                .map(b -> new CapturePipeline.MappedBinding(b.name(), b.mapping(), side)).toList();
        Set<String> twoWayBindings = reading.stream().filter(CompiledBinding::twoWay).map(CompiledBinding::name)
                .collect(Collectors.toSet());
        CapturePipeline.PublishTap tap = side == BridgeRoles.ARBITER || twoWayBindings.isEmpty() ? (binding, captured) -> { }
                : (binding, captured) -> {
                    if (twoWayBindings.contains(binding)) {
                        reflections.captured(binding, captured);
                    }
                };
        SourceSchemaProbe sourceProbe = JdbcDriftProbes.source(source, reading);
        CaptureDriftGuard guard = new CaptureDriftGuard(sourceProbe, heldChanges, drift.captureListener());
        for (CompiledBinding b : reading) {
            if (startsPaused(b, PausedBindingStore.Waits.CAPTURE)) {
                guard.pause(reportAtStart(b, name -> SchemaDrift.ofSource(name, b.mapping(), side, sourceProbe.read(b.sourceTable())), side));
            }
        }
        CapturePipeline handler = new CapturePipeline(mapped, publisher, deadLetterDesk.ledger(), metrics, clock, tap, guard);
        drainHeld(handler, reading);
        CaptureSupervisor capture = new CaptureSupervisor(built.captureName(),
                () -> DebeziumCaptureSource.create(built, metrics), handler,
                retryBackoff(config), () -> metrics.lastStreamed(side.label()), stallAfter(tuning), clock,
                cause -> failures.failed("capture of the " + side.label() + " database", cause));
        captures.put(side, capture);
        capture.start();
    }

    /**
     * How long a running capture may send neither a heartbeat nor a change before it counts as
     * down: a capture that lost its database without failing (a binlog client that keeps
     * reconnecting quietly, say) shows then, instead of looking healthy.
     */
    private static Duration stallAfter(TuningOptions tuning) {
        Duration threeHeartbeats = tuning.heartbeatInterval().multipliedBy(3);
        return threeHeartbeats.compareTo(MIN_STALL) > 0 ? threeHeartbeats : MIN_STALL;
    }

    /**
     * Publishes, through the mappings just compiled, the changes held for {@code reading} bindings
     * while they were paused for drift, before their capture delivers anything new, so they keep
     * their place in capture order. A binding whose table still does not fit stays paused (the
     * guard reports it) and its later changes are held behind the others.
     */
    private void drainHeld(CapturePipeline handler, List<CompiledBinding> reading) throws Exception {
        for (CompiledBinding b : reading) {
            KafkaHeldChanges.Pending pending = pendingHeld.get(b.name());
            if (pending == null || drift.isPaused(b.name())) {
                continue;
            }
            if (handler.drainHeld(b.name(), pending.changes())) {
                heldChanges.release(b.name(), pending.through());
                LOG.info("Binding '{}' resumes: published the {} changes held while it was paused for schema drift", b.name(),
                        pending.changes().size());
            }
        }
    }

    /** True when {@code b} starts paused because its configuration does not fit the live tables yet, its changes waiting as {@code waits} says. */
    private boolean startsPaused(CompiledBinding b, PausedBindingStore.Waits waits) {
        return startPaused.containsKey(b.name()) && pausedStore.load(b.name()).map(p -> p.waits() == waits).orElse(false);
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

    private static Backoff retryBackoff(BridgeConfig config) {
        return Backoff.capped(KafkaApplyOptions.DEFAULT_RETRY_BACKOFF_INITIAL, config.tuning().retryBackoffMax());
    }

    private static RowImage firstOrNull(List<RowImage> rows) {
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The two-way bindings among {@code writing}, by their target table. */
    private static Map<TableId, TwoWayTarget> twoWayTargets(List<CompiledBinding> writing) {
        Map<TableId, TwoWayTarget> byTable = new LinkedHashMap<>();
        writing.stream().filter(CompiledBinding::twoWay).forEach(b -> byTable.put(b.route().targetSchema().table(),
                new TwoWayTarget(b.name(), b.route().targetSchema())));
        return byTable;
    }

    private void startBatch(BridgeConfig config, CompiledBinding b, MeterRegistry registry, Clock clock) {
        batches.put(b.name(), BatchScheduler.start(b.name(), b.options().batch(), b.mapping(), b.source(),
                b.route().targetSchema(), BindingCompiler.connections(config.system(b.source())),
                BindingCompiler.connections(config.system(b.target())), config.dataDir(), publisher, deadLetterDesk.ledger(),
                metrics, clock, registry));
    }

    boolean isRunning() {
        return !closed && captures.values().stream().allMatch(c -> c.failure() == null)
                && applyLoops.values().stream().allMatch(a -> a.failure() == null);
    }

    /**
     * True when every applier joined its consumer group and nothing keeps retrying: every binding
     * is applying (or has nothing to apply).
     */
    boolean isApplying() {
        return isRunning() && applyLoops.values().stream().allMatch(KafkaApplyLoop::joined) && outages().isEmpty()
                && drift.reasons().isEmpty();
    }

    /** The bindings paused for schema drift, each with what drifted; empty when none is. */
    List<String> pausedForDrift() {
        return drift.reasons();
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
        return conflicts;
    }

    /** The dead letters of the synced bindings; null when nothing is synced. */
    DeadLetterDesk deadLetters() {
        return deadLetterDesk;
    }

    /** Requests and follows resyncs of the streamed bindings. */
    ResyncDesk resyncs() {
        return resyncs;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** What each capture's position retains, by system label, for {@code /status}; empty when nothing is captured. */
    Map<String, Map<String, Object>> retentionStatus() {
        return retention == null ? Map.of() : retention.status();
    }

    /** Stops the captures, lets the appliers drain for up to {@code drainTimeout}, then closes all. */
    synchronized void close(Duration drainTimeout) {
        if (closed) {
            return;
        }
        closed = true;
        failures.close();
        if (retention != null) {
            retention.close();
        }
        captures.forEach((side, capture) -> closeQuietly("capture of " + side.label(), capture::close));
        batches.values().forEach(BatchScheduler::stop);
        batches.forEach((name, batch) -> closeQuietly("batch copies of " + name, () -> batch.awaitStop(drainTimeout)));
        closeQuietly("applier drain", () -> drain(drainTimeout));
        applyLoops.forEach((side, loop) -> closeQuietly("apply loop of " + side.label(), loop::close));
        appliers.forEach((side, applier) -> closeQuietly("applier of " + side.label(), applier::close));
        closeQuietly("publisher", () -> {
            if (publisher != null) {
                publisher.close();
            }
            if (deadLetters != null) {
                deadLetters.close();
            }
            if (heldChanges != null) {
                heldChanges.close();
            }
            if (conflictStore != null) {
                conflictStore.close();
            }
        });
        closeQuietly("embedded Kafka", () -> {
            if (broker != null) {
                broker.close();
            }
        });
    }

    private void drain(Duration timeout) throws InterruptedException {
        if (timeout.isZero()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (KafkaApplyLoop loop : applyLoops.values()) {
            loop.awaitCaughtUp(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        if (pendingRecords() > 0) {
            LOG.warn("Stopping with {} records not yet applied; they are applied after the next start", pendingRecords());
        }
    }

    private long pendingRecords() {
        // Records of bindings paused for drift wait for a restart: not worth waiting for.
        return applyLoops.values().stream().filter(l -> l.failure() == null).mapToLong(l -> Math.max(0, l.lag() - l.heldLag())).sum();
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void closeQuietly(String what, Step step) {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Error while stopping {}: {}", what, e.toString());
        }
    }
}
