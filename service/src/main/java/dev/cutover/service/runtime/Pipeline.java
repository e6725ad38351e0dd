package dev.cutover.service.runtime;

import dev.cutover.config.BridgeConfig;
import dev.cutover.config.SystemOptions;
import dev.cutover.config.TuningOptions;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.CapturePipeline;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.debezium.CaptureOptions;
import dev.cutover.debezium.CapturedTable;
import dev.cutover.debezium.PostgresCaptureSource;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.kafka.BindingRoute;
import dev.cutover.kafka.EmbeddedKafkaBroker;
import dev.cutover.kafka.KafkaApplyLoop;
import dev.cutover.kafka.KafkaApplyOptions;
import dev.cutover.kafka.KafkaChangePublisher;
import dev.cutover.kafka.KafkaDeadLetterSink;
import dev.cutover.kafka.KafkaTopicAdmin;
import dev.cutover.kafka.SchemaTopic;
import dev.cutover.kafka.TopicSchemas;
import dev.cutover.kafka.TopicSettings;
import dev.cutover.service.metrics.MetricNames;
import dev.cutover.service.metrics.MicrometerPipelineListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The started components of a legacy-to-new bridge and the order they stop in. Created by
 * {@link #start}; {@link #close} drains and is idempotent.
 */
final class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final List<CompiledBinding> bindings;
    private final MicrometerPipelineListener metrics;
    private EmbeddedKafkaBroker broker;
    private String bootstrapServers;
    private KafkaChangePublisher publisher;
    private KafkaApplyLoop applyLoop;
    private JdbcApplier applier;
    private PostgresCaptureSource capture;
    private KafkaDeadLetterSink deadLetters;
    private Thread watchdog;
    private volatile boolean closed;

    private Pipeline(List<CompiledBinding> bindings, MicrometerPipelineListener metrics) {
        this.bindings = bindings;
        this.metrics = metrics;
    }

    /**
     * Starts Kafka (when embedded), topics, the applier and the capture, in that order.
     *
     * @param onFailure told once when a running component fails
     */
    static Pipeline start(BridgeConfig config, List<CompiledBinding> bindings, MicrometerPipelineListener metrics,
            MeterRegistry registry, Clock clock, BiConsumer<String, Throwable> onFailure) throws Exception {
        Pipeline p = new Pipeline(bindings, metrics);
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
        if (config.kafka().embedded()) {
            broker = EmbeddedKafkaBroker.start(config.kafka().dataDir(), config.kafka().embeddedPort());
            bootstrapServers = broker.bootstrapServers();
            LOG.info("Embedded Kafka broker listening on {}", bootstrapServers);
        } else {
            bootstrapServers = config.kafka().bootstrap();
        }
        Map<String, String> clientProps = new HashMap<>(config.kafka().properties());
        clientProps.put("bootstrap.servers", bootstrapServers);
        List<BindingRoute> routes = bindings.stream().map(CompiledBinding::route).toList();

        try (KafkaTopicAdmin admin = new KafkaTopicAdmin(clientProps)) {
            admin.ensureTopics(config.name(), routes,
                    new TopicSettings(config.kafka().partitions(), (short) config.kafka().replicationFactor()));
        }
        try (SchemaTopic schemas = new SchemaTopic(config.name(), clientProps)) {
            for (BindingRoute route : routes) {
                schemas.publish(TopicSchemas.of(config.name(), route));
            }
        }
        deadLetters = new KafkaDeadLetterSink(config.name(), clientProps, clock);
        publisher = new KafkaChangePublisher(config.name(), clientProps, routes);

        TuningOptions tuning = config.tuning();
        SystemOptions target = config.system(SystemSide.NEW);
        Map<TableId, TableSchema> targets = new LinkedHashMap<>();
        bindings.forEach(b -> targets.put(b.mapping().newSchema().table(), b.mapping().newSchema()));
        applier = new JdbcApplier(BindingCompiler.connections(target), targets, clock);
        applyLoop = new KafkaApplyLoop(config.name(), clientProps, routes, applier, deadLetters, metrics,
                KafkaApplyOptions.defaults(config.name() + ".apply.new").withMaxBatchSize(tuning.applyBatchSize()));
        Gauge.builder(MetricNames.CONSUMER_LAG, applyLoop, KafkaApplyLoop::lag)
                .description("Records on the change topics the applier has yet to consume")
                .baseUnit("records").tag(MetricNames.TAG_SYSTEM, SystemSide.NEW.label()).register(registry);
        applyLoop.start();

        SystemOptions source = config.system(SystemSide.LEGACY);
        List<CapturedTable> tables = new ArrayList<>();
        bindings.forEach(b -> tables.add(new CapturedTable(b.mapping().legacySchema().table(), b.mapping().legacyKeyColumns())));
        CaptureOptions options = CaptureOptions.builder(config.name(), SystemSide.LEGACY)
                .database(source.jdbcUrl(), source.user(), BridgeService.password(source))
                .tables(tables)
                .offsetFile(config.dataDir().resolve("offsets").resolve(SystemSide.LEGACY.label() + ".offsets"))
                .pollInterval(tuning.capturePollInterval())
                .maxBatchSize(tuning.captureBatchSize())
                .heartbeatInterval(tuning.heartbeatInterval())
                .build();
        capture = new PostgresCaptureSource(options, metrics);
        List<CapturePipeline.MappedBinding> mapped = bindings.stream()
                .map(b -> new CapturePipeline.MappedBinding(b.name(), b.mapping())).toList();
        capture.start(new CapturePipeline(mapped, publisher, deadLetters, metrics, clock));
        watchdog = watch(config.name(), onFailure);
    }

    private Thread watch(String bridge, BiConsumer<String, Throwable> onFailure) {
        Thread t = new Thread(() -> {
            while (!closed) {
                Throwable f = capture.failure();
                if (f != null) {
                    onFailure.accept("capture of the legacy database", f);
                    return;
                }
                f = applyLoop.failure();
                if (f != null) {
                    onFailure.accept("applier of the new database", f);
                    return;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cutover-" + bridge + "-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }

    boolean isRunning() {
        return !closed && capture != null && capture.failure() == null && applyLoop != null && applyLoop.failure() == null;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    List<Map<String, Object>> bindingStatus() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (CompiledBinding b : bindings) {
            MicrometerPipelineListener.BindingActivity a = metrics.activity(b.name());
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", b.name());
            doc.put("direction", b.options().direction().label());
            doc.put("mode", b.options().mode().label());
            doc.put("legacy", b.mapping().legacySchema().table().toString());
            doc.put("new", b.mapping().newSchema().table().toString());
            doc.put("topic", b.route().topic());
            doc.put("state", isRunning() ? "RUNNING" : "STOPPED");
            doc.put("captured", (long) metrics.count(b.name(), MetricNames.OUTCOME_CAPTURED));
            doc.put("applied", (long) metrics.count(b.name(), MetricNames.OUTCOME_APPLIED));
            doc.put("deadLettered", a.deadLettered());
            doc.put("lastCapturedCommit", String.valueOf(a.lastCaptured()));
            doc.put("lastAppliedCommit", String.valueOf(a.lastApplied()));
            doc.put("lastLagMillis", a.lastLag().toMillis());
            doc.put("consumerLag", applyLoop == null ? null : applyLoop.lag());
            list.add(doc);
        }
        return list;
    }

    /** Stops the capture, lets the applier drain for up to {@code drainTimeout}, then closes all. */
    synchronized void close(Duration drainTimeout) {
        if (closed) {
            return;
        }
        closed = true;
        if (watchdog != null) {
            watchdog.interrupt();
        }
        closeQuietly("capture", () -> {
            if (capture != null) {
                capture.close();
            }
        });
        closeQuietly("applier drain", () -> drain(drainTimeout));
        closeQuietly("applier", () -> {
            if (applyLoop != null) {
                applyLoop.close();
            }
            if (applier != null) {
                applier.close();
            }
        });
        closeQuietly("publisher", () -> {
            if (publisher != null) {
                publisher.close();
            }
            if (deadLetters != null) {
                deadLetters.close();
            }
        });
        closeQuietly("embedded Kafka", () -> {
            if (broker != null) {
                broker.close();
            }
        });
    }

    private void drain(Duration timeout) throws InterruptedException {
        if (applyLoop == null || timeout.isZero() || applyLoop.failure() != null) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (applyLoop.lag() > 0 && System.nanoTime() < deadline && applyLoop.failure() == null) {
            Thread.sleep(100);
        }
        if (applyLoop.lag() > 0) {
            LOG.warn("Stopping with {} records not yet applied; they are applied after the next start", applyLoop.lag());
        }
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
