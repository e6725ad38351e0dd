package dev.cutover.runtime;

import dev.cutover.config.BridgeConfig;
import dev.cutover.config.SystemOptions;
import dev.cutover.core.conflict.ConflictCheck;
import dev.cutover.core.conflict.ConflictResolvers;
import dev.cutover.core.conflict.ConflictSpec;
import dev.cutover.core.drift.TargetDriftCheck;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.ApplyPipeline;
import dev.cutover.core.pipeline.TwoWayTarget;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.debezium.CaptureOptions;
import dev.cutover.jdbc.ApplyMarker;
import dev.cutover.jdbc.ApplyOrigin;
import dev.cutover.jdbc.EchoTag;
import dev.cutover.jdbc.ConflictHandling;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.jdbc.JdbcRowReader;
import dev.cutover.kafka.KafkaApplyLoop;
import dev.cutover.kafka.KafkaApplyOptions;
import dev.cutover.runtime.deadletter.LedgerRecordSink;
import dev.cutover.runtime.metrics.MetricNames;
import io.micrometer.core.instrument.Gauge;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the applier of one direction: the JDBC applier of the system that bindings write, the
 * apply steps around it (as arbiter or follower when bindings are two-way), and the loop that
 * consumes the change topics of those bindings into it.
 */
final class ApplyAssembly {

    private final BridgeWiring w;

    ApplyAssembly(BridgeWiring wiring) {
        this.w = wiring;
    }

    /** Starts the applier of {@code side}, which {@code writing} bindings write. */
    void start(SystemSide side, List<CompiledBinding> writing) {
        BridgeConfig config = w.config();
        LedgerRecordSink loopDeadLetters = new LedgerRecordSink(w.desks().deadLetters().ledger(), w.kafka().deadLetters());
        Map<TableId, String> bindingByTable = new LinkedHashMap<>();
        writing.forEach(b -> bindingByTable.put(b.route().targetSchema().table(), b.name()));
        ApplyPipeline.Builder steps = ApplyPipeline.builder(loopDeadLetters, w.metrics(), bindingByTable)
                .blockingDeadLetteredRows(w.desks().deadLetters().ledger());
        JdbcApplier applier = applier(side, writing, steps);
        w.components().appliers().put(side, applier);
        w.desks().deadLetters().serve(side, applier);
        String group = config.name() + ".apply." + side.label();
        KafkaApplyLoop loop = new KafkaApplyLoop(config.name(), w.kafka().clientProps(),
                writing.stream().map(CompiledBinding::route).toList(), steps.build(), loopDeadLetters, w.metrics(),
                KafkaApplyOptions.of(group, config.tuning().applyBatchSize(), config.tuning().retryBackoffMax())
                        .withRecordLimit(w.kafka().recordLimit())
                        .withGroupInstanceId(BridgeRoles.groupInstanceId(config, group)));
        Map<String, String> topicByBinding = new HashMap<>();
        writing.forEach(b -> topicByBinding.put(b.name(), b.route().topic()));
        TargetDriftCheck targetDrift = JdbcDriftProbes.target(config.system(side), writing);
        loop.watchDrift(targetDrift, w.drift().board().applierListener(topicByBinding));
        w.drift().pauseAtStart(loop, writing, targetDrift, side);
        w.components().applyLoops().put(side, loop);
        loop.onFailure(cause -> w.failures().failed("applier of the " + side.label() + " database", cause));
        loop.onBindingFailure(w.control()::failed);
        // An operator's pause holds across restarts: the binding starts paused, its changes waiting on its topic.
        writing.stream().map(CompiledBinding::name).distinct().filter(w.control()::pausedByOperator).forEach(loop::pause);
        // A binding whose table is being copied in bulk waits for the copy, in this applier too.
        w.loadHolds().attach(side, loop, writing.stream().map(CompiledBinding::name).distinct().toList());
        Gauge.builder(MetricNames.CONSUMER_LAG, loop, KafkaApplyLoop::lag)
                .description("Records on the change topics the applier has yet to consume")
                .baseUnit("records").tag(MetricNames.TAG_SYSTEM, side.label()).register(w.registry());
        loop.start();
    }

    /** The JDBC applier of {@code side}, added to {@code steps} as the two-way role of {@code side} asks. */
    private JdbcApplier applier(SystemSide side, List<CompiledBinding> writing, ApplyPipeline.Builder steps) {
        SystemOptions system = w.config().system(side);
        Map<TableId, TableSchema> targets = new LinkedHashMap<>();
        writing.forEach(b -> targets.put(b.route().targetSchema().table(), b.route().targetSchema()));
        JdbcApplier applier;
        if (w.twoWay() && side == BridgeRoles.ARBITER) {
            Map<TableId, ConflictCheck> checks = new LinkedHashMap<>();
            for (CompiledBinding b : writing) {
                if (b.twoWay()) {
                    ConflictSpec spec = b.options().conflict();
                    checks.put(b.route().targetSchema().table(), new ConflictCheck(b.name(), side, spec.policy(),
                            ConflictResolvers.create(spec, side, BindingCompiler.conflictColumn(b)), w.clock()));
                }
            }
            // The arbiter's writes are not marked: they travel to the follower, which takes them as they come.
            applier = new JdbcApplier(BindingCompiler.connections(system), targets, w.clock(), null,
                    new ConflictHandling(checks, w.desks().conflicts()));
            applier.restoreParked(w.desks().conflictHistory());
            w.desks().conflicts().serve(side, applier);
            steps.arbiter(applier, w.reflections(), twoWayTargets(writing));
        } else if (w.twoWay()) {
            // The follower tags its writes so its capture drops them. Its upserts leave a row that
            // already holds the arbiter's version untouched, so the arbiter's version of the follower's
            // own change is not written a second time, and one superseded by a later change is left out.
            EchoTag tag = EchoRoute.byOrigin(system, w.config().name()) ? new ApplyOrigin(w.config().name())
                    : new ApplyMarker(w.config().name(), CaptureOptions.ownTable(system.jdbcUrl(), ApplyMarker.DEFAULT_TABLE));
            applier = new JdbcApplier(BindingCompiler.connections(system), targets, w.clock(), tag, null);
            JdbcRowReader rows = new JdbcRowReader(BindingCompiler.connections(system));
            steps.follower(applier, w.reflections(), twoWayTargets(writing), (table, key) -> firstOrNull(rows.readByKeys(table, List.of(key))));
        } else {
            applier = new JdbcApplier(BindingCompiler.connections(system), targets, w.clock());
            steps.applier(applier);
        }
        return applier;
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
}
