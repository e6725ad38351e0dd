package dev.cutover.runtime;

import dev.cutover.config.BridgeConfig;
import dev.cutover.config.DatabaseKind;
import dev.cutover.config.SystemOptions;
import dev.cutover.config.TuningOptions;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.CaptureDriftGuard;
import dev.cutover.core.pipeline.CapturePipeline;
import dev.cutover.core.pipeline.spi.SourceSchemaProbe;
import dev.cutover.core.retry.Backoff;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.debezium.CaptureOptions;
import dev.cutover.debezium.CapturedTable;
import dev.cutover.debezium.DebeziumCaptureSource;
import dev.cutover.debezium.RetainedLogProbe;
import dev.cutover.kafka.KafkaApplyOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Starts the capture of one system: the Debezium options for the tables that bindings read, the
 * capture pipeline that maps and publishes their changes (guarded against source drift), and the
 * supervisor that keeps it running through outages.
 */
final class CaptureAssembly {

    /** The shortest silence taken for a stalled capture: a long batch (large rows) can keep heartbeats back for a while. */
    private static final Duration MIN_STALL = Duration.ofSeconds(60);

    private final BridgeWiring w;

    CaptureAssembly(BridgeWiring wiring) {
        this.w = wiring;
    }

    /** Starts the capture of {@code side}, which {@code reading} bindings stream from. */
    void start(SystemSide side, List<CompiledBinding> reading) throws Exception {
        SystemOptions source = w.config().system(side);
        CaptureOptions options = options(side, reading);
        w.components().retention().watch(side, RetainedLogProbe.of(options), BindingCompiler.connections(source)::open);
        List<CapturePipeline.MappedBinding> mapped = reading.stream()
                .map(b -> new CapturePipeline.MappedBinding(b.name(), b.mapping(), side)).toList();
        SourceSchemaProbe sourceProbe = JdbcDriftProbes.source(source, reading);
        CaptureDriftGuard guard = new CaptureDriftGuard(sourceProbe, w.kafka().heldChanges(), w.drift().board().captureListener());
        w.drift().pauseAtStart(guard, reading, sourceProbe, side);
        CapturePipeline handler = new CapturePipeline(mapped, w.kafka().publisher(), w.desks().deadLetters().ledger(), w.metrics(),
                w.clock(), reflectionTap(side, reading), guard);
        w.drift().drainHeld(handler, reading);
        BulkLoads bulk = bulkLoads(side, options.captureName(), reading);
        CaptureSupervisor capture = new CaptureSupervisor(options.captureName(),
                () -> DebeziumCaptureSource.create(options, w.metrics()).copyingWith(bulk), bulk, handler,
                retryBackoff(), () -> w.metrics().lastStreamed(side.label()), stallAfter(w.config().tuning()), w.clock(),
                cause -> w.failures().failed("capture of the " + side.label() + " database", cause));
        w.components().captures().put(side, capture);
        capture.start();
    }

    /**
     * Copies the tables of {@code reading}'s one-way bindings in bulk where they are written into
     * PostgreSQL from PostgreSQL (page ranges of one exported snapshot, read in parallel) or from
     * MariaDB (one consistent snapshot read by one connection, written in parallel); the others are
     * loaded by Debezium's incremental snapshot.
     */
    private BulkLoads bulkLoads(SystemSide side, String captureName, List<CompiledBinding> reading) {
        SystemOptions target = w.config().system(side.opposite());
        TuningOptions tuning = w.config().tuning();
        Map<TableId, CompiledBinding> copied = target.kind() == DatabaseKind.POSTGRESQL ? BulkLoads.eligible(reading) : Map.of();
        return new BulkLoads(captureName, copied, SnapshotCopies.from(w.config().system(side), tuning),
                Map.of(target.side(), BindingCompiler.connections(target)), w.loadHolds(), w.metrics(), SnapshotCopies.threads(tuning));
    }

    private CaptureOptions options(SystemSide side, List<CompiledBinding> reading) {
        BridgeConfig config = w.config();
        SystemOptions source = config.system(side);
        TuningOptions tuning = config.tuning();
        List<CapturedTable> tables = reading.stream().map(b -> {
            TableSchema captured = side == SystemSide.LEGACY ? b.mapping().legacySchema() : b.mapping().newSchema();
            return new CapturedTable(captured.table(), captured.keyColumns(), w.inSync().contains(b.name()));
        }).toList();
        CaptureOptions.Builder options = CaptureOptions.builder(config.name(), side)
                .database(source.jdbcUrl(), source.user(), BindingCompiler.password(source))
                .tables(tables)
                .offsetFile(BridgeRoles.offsetFile(config, side))
                .pollInterval(tuning.capturePollInterval())
                .maxBatchSize(tuning.captureBatchSize())
                .heartbeatInterval(tuning.heartbeatInterval());
        if (w.twoWay() && side != BridgeRoles.ARBITER) {
            // The follower's applier marks its transactions or tags its sessions; drop them here so they never travel back.
            options.suppressEchoes();
            if (EchoRoute.byOrigin(source, config.name())) {
                options.skipOriginTagged();
            }
        }
        // Debezium gives up at once; the supervisor retries for as long as the outage lasts, and shows it.
        options.maxRetries(0);
        return options.build();
    }

    /** On the follower, remembers what its two-way bindings published, so its applier knows it when the arbiter sends it back. */
    private CapturePipeline.PublishTap reflectionTap(SystemSide side, List<CompiledBinding> reading) {
        Set<String> twoWayBindings = reading.stream().filter(CompiledBinding::twoWay).map(CompiledBinding::name)
                .collect(Collectors.toSet());
        if (side == BridgeRoles.ARBITER || twoWayBindings.isEmpty()) {
            return (binding, captured) -> { };
        }
        return (binding, captured) -> {
            if (twoWayBindings.contains(binding)) {
                w.reflections().captured(binding, captured);
            }
        };
    }

    /** Retries a capture that is down, capped as {@code tuning.retry-backoff-max} says. */
    private Backoff retryBackoff() {
        return Backoff.capped(KafkaApplyOptions.DEFAULT_RETRY_BACKOFF_INITIAL, w.config().tuning().retryBackoffMax());
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
}
