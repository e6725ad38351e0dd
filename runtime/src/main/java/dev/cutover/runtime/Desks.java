package dev.cutover.runtime;

import dev.cutover.core.conflict.ConflictLog;
import dev.cutover.core.conflict.ConflictLogEntry;
import dev.cutover.core.deadletter.DeadLetterEntry;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.kafka.ConflictLogReader;
import dev.cutover.kafka.DeadLetterLogReader;
import dev.cutover.kafka.KafkaOperationException;
import dev.cutover.runtime.conflict.ConflictDesk;
import dev.cutover.runtime.deadletter.DeadLetterDesk;
import dev.cutover.runtime.metrics.MetricNames;
import dev.cutover.runtime.metrics.MicrometerPipelineListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where people handle what a bridge could not apply, read back from their logs before any capture
 * or applier starts: the dead letters, so every row blocked before a restart is blocked again
 * before the first change is applied, and the conflicts of two-way bindings, whose parked keys the
 * arbiter's applier restores from {@code conflictHistory}.
 *
 * @param conflicts null when no binding is two-way
 * @param conflictHistory the conflict log as read; empty when no binding is two-way
 */
record Desks(DeadLetterDesk deadLetters, ConflictDesk conflicts, List<ConflictLogEntry> conflictHistory) {

    private static final Logger LOG = LoggerFactory.getLogger(Desks.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /** Reads the logs of the bridge's topics and registers the gauges of open dead letters and conflicts. */
    static Desks open(String bridge, BridgeKafka kafka, List<CompiledBinding> bindings, MicrometerPipelineListener metrics,
            MeterRegistry registry, Clock clock) throws KafkaOperationException {
        DeadLetterDesk deadLetters = deadLetterDesk(bridge, kafka, bindings, metrics, registry, clock);
        if (kafka.conflicts() == null) {
            return new Desks(deadLetters, null, List.of());
        }
        List<ConflictLogEntry> history = new ConflictLogReader(bridge, kafka.clientProps(), READ_TIMEOUT).readAll();
        ConflictLog log = new ConflictLog();
        history.forEach(log::add);
        ConflictDesk conflicts = new ConflictDesk(kafka.conflicts(), log, twoWayMappings(bindings), metrics);
        Gauge.builder(MetricNames.CONFLICTS_OPEN, conflicts, ConflictDesk::openCount)
                .description("Conflicts waiting for a person").baseUnit("conflicts").register(registry);
        LOG.info("Conflict log of bridge '{}': {} entries, {} conflicts waiting for a person", bridge, history.size(),
                conflicts.openCount());
        return new Desks(deadLetters, conflicts, history);
    }

    /**
     * The same desks serving the bindings of a reloaded configuration: their dead letters and
     * conflicts stay, and the gauges of added bindings are registered. When the arbiter's applier
     * restarts ({@code arbiterRestarts}), the conflict log is read again, so it restores what was
     * parked since the bridge started; a kept arbiter holds its parked keys already.
     */
    Desks rebind(String bridge, BridgeKafka kafka, List<CompiledBinding> bindings, MeterRegistry registry, boolean arbiterRestarts)
            throws KafkaOperationException {
        deadLetters.rebind(deskBindings(bindings));
        registerOpenGauges(deadLetters, bindings, registry);
        if (conflicts == null) {
            return this;
        }
        conflicts.rebind(twoWayMappings(bindings));
        return arbiterRestarts ? new Desks(deadLetters, conflicts, new ConflictLogReader(bridge, kafka.clientProps(), READ_TIMEOUT).readAll())
                : this;
    }

    private static Map<String, TableMapping> twoWayMappings(List<CompiledBinding> bindings) {
        Map<String, TableMapping> mappings = new LinkedHashMap<>();
        bindings.stream().filter(CompiledBinding::twoWay).forEach(b -> mappings.put(b.name(), b.mapping()));
        return mappings;
    }

    private static List<DeadLetterDesk.Binding> deskBindings(List<CompiledBinding> bindings) {
        return bindings.stream().map(b -> new DeadLetterDesk.Binding(b.name(), b.mapping(), b.source())).toList();
    }

    /** {@code cutover_deadletters_open} per binding; registering one that exists keeps it. */
    private static void registerOpenGauges(DeadLetterDesk desk, List<CompiledBinding> bindings, MeterRegistry registry) {
        for (String b : bindings.stream().map(CompiledBinding::name).distinct().toList()) {
            Gauge.builder(MetricNames.DEADLETTERS_OPEN, desk, d -> d.openCount(b))
                    .description("Dead letters waiting for a person").tag(MetricNames.TAG_BINDING, b)
                    .register(registry);
        }
    }

    private static DeadLetterDesk deadLetterDesk(String bridge, BridgeKafka kafka, List<CompiledBinding> bindings,
            MicrometerPipelineListener metrics, MeterRegistry registry, Clock clock) throws KafkaOperationException {
        List<DeadLetterEntry> log = new DeadLetterLogReader(bridge, kafka.clientProps(), READ_TIMEOUT).readAll();
        DeadLetterDesk desk = DeadLetterDesk.create(log, kafka.deadLetters(), deskBindings(bindings), metrics, clock);
        registerOpenGauges(desk, bindings, registry);
        LOG.info("Dead-letter log of bridge '{}': {} entries, {} dead letters need a person", bridge, log.size(),
                desk.list(true, null).size());
        return desk;
    }
}
