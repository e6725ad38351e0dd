package dev.cutover.runtime;

import dev.cutover.config.BridgeConfig;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.lifecycle.HistoryOutcome;
import dev.cutover.runtime.conflict.ConflictDesk;
import dev.cutover.runtime.deadletter.DeadLetterDesk;
import dev.cutover.runtime.history.HistoryDesk;
import dev.cutover.runtime.http.BindingQueries;
import dev.cutover.runtime.http.HttpEndpoints;
import dev.cutover.runtime.http.ReloadQueries;
import dev.cutover.runtime.metrics.MicrometerPipelineListener;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running bridge: Kafka (embedded or external), a capture per system that bindings read, an
 * applier per system that bindings write, and the HTTP endpoints, started in dependency order
 * and stopped in reverse. A {@code direction: none} binding is checked against its tables at start
 * and listed in {@code /status} as {@code NOT_SYNCED}, but nothing runs for it; a bridge of only
 * such bindings starts no Kafka and serves HTTP alone.
 *
 * <p>Stopping drains: the capture stops first (committing what Kafka acknowledged), then the
 * applier consumes what is left up to the drain timeout and commits, then Kafka closes. A
 * component that fails stops the whole service, which then reports {@link ServiceState#FAILED}
 * and the cause; nothing is committed past what was durably handled, so a restart resumes.
 * Thread-safe.
 */
public final class BridgeService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeService.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private volatile BridgeConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<ServiceState> state = new AtomicReference<>(ServiceState.NEW);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Pipeline pipeline;
    private volatile MicrometerPipelineListener listener;
    private volatile HttpEndpoints http;
    private volatile Instant startedAt;
    private volatile DataDirLock dataDirLock;
    private final Reloader reloader;
    /** Null with an external cluster; {@code kafka.*} settings take a restart, so a reload keeps the broker. */
    private final EmbeddedKafka embeddedKafka;

    public BridgeService(BridgeConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.embeddedKafka = config.kafka().embedded() ? new EmbeddedKafka(config) : null;
        this.reloader = new Reloader(new Reloader.Bridge() {
            @Override
            public BridgeConfig config() {
                return BridgeService.this.config;
            }

            @Override
            public Pipeline pipeline() {
                return pipeline;
            }

            @Override
            public String restartOn(BridgeConfig next, Set<String> inSync, Set<String> unchanged) throws Exception {
                return BridgeService.this.restartOn(next, inSync, unchanged);
            }

            @Override
            public int awaitStreaming(Duration timeout) throws Exception {
                return BridgeService.this.awaitStreaming(timeout);
            }
        });
    }

    /**
     * Starts every component; returns once the service is running.
     *
     * @throws StartupException when configuration does not fit the databases or a dependency is
     *     unreachable; everything started so far is stopped again
     */
    public void start() throws Exception {
        transition(ServiceState.NEW, ServiceState.STARTING);
        LOG.info("Starting bridge '{}' with configuration:\n{}", config.name(), config.describe());
        try {
            dataDirLock = lockStateDirectories();
            CompiledBridge bridge = new BindingCompiler(config).compileAll(new PausedBindingStore(config.dataDir()));
            List<CompiledBinding> bindings = bridge.directions();
            for (CompiledBinding b : bindings) {
                LOG.info("Binding '{}' ({}, writes {}): {} -> topic {}", b.name(), b.options().direction().label(),
                        b.target().label(), b.mapping().summary(), b.route().topic());
            }
            config.bindings().stream().filter(b -> !b.synced()).forEach(b -> LOG.info(
                    "Binding '{}' ({}, strategy {}): not synced; {}", b.name(), b.direction().label(),
                    b.strategy().label(), bridge.mappings().get(b.name()).summary()));
            pipeline = startPipeline(config, bridge, false);
            LiveDesks desks = new LiveDesks(() -> pipeline);
            http = new HttpEndpoints(config.http().host(), config.http().port(), registry::scrape,
                    this::isLive, this::notReady, this::status, desks.conflicts(), desks.resyncs(),
                    desks.deadLetters(), desks.history(), desks.bindings(), reloader, config.http().token());
            startedAt = clock.instant();
            transition(ServiceState.STARTING, ServiceState.RUNNING);
            LOG.info("Bridge '{}' running; HTTP on {}:{} ({})", config.name(), config.http().host(), http.port(),
                    config.http().token() == null ? "POST only from loopback with X-Cutover-Request" : "POST only with http.token");
        } catch (Exception | Error e) {
            failure.compareAndSet(null, e);
            state.set(ServiceState.FAILED);
            closeComponents(Duration.ZERO);
            stopped.countDown();
            throw e;
        }
    }

    /** Starts a pipeline on {@code bridge}, with metrics of its own in the registry. */
    private Pipeline startPipeline(BridgeConfig config, CompiledBridge bridge, boolean reloaded) throws Exception {
        listener = new MicrometerPipelineListener(registry, clock, directions(bridge), capturedSides(bridge));
        return Pipeline.start(config, bridge, embeddedKafka, listener, registry, clock, this::onComponentFailure, reloader::switching,
                reloaded);
    }

    private static Map<String, String> directions(CompiledBridge bridge) {
        Map<String, String> directions = new LinkedHashMap<>();
        bridge.directions().forEach(b -> directions.put(b.name(), b.options().direction().label()));
        return directions;
    }

    /** A side read only by batch bindings is copied, not captured: no capture gauges, nothing to wait for. */
    private static Set<SystemSide> capturedSides(CompiledBridge bridge) {
        Set<SystemSide> captured = EnumSet.noneOf(SystemSide.class);
        bridge.directions().stream().filter(b -> !b.batched()).forEach(b -> captured.add(b.source()));
        return captured;
    }

    /**
     * Moves the running pipeline to {@code next}: compiles it first (a configuration that does not
     * fit changes nothing), then keeps running every capture and applier whose bindings stay as
     * they are ({@link ReloadScope}) and restarts the others (what was captured is applied by the
     * applier that starts); when nothing can be kept, the whole pipeline restarts. When the new
     * one fails to start, starts the previous configuration again.
     *
     * @param unchanged the bindings the reload leaves as they are
     * @return what kept running and what restarted
     */
    private synchronized String restartOn(BridgeConfig next, Set<String> inSync, Set<String> unchanged) throws Exception {
        CompiledBridge compiled = new BindingCompiler(next).compileAll(new PausedBindingStore(next.dataDir())).inSync(inSync);
        BridgeConfig previous = config;
        Pipeline running = pipeline;
        List<ReloadScope.Lane> before = running.lanes();
        List<ReloadScope.Lane> after = compiled.directions().stream().map(ReloadScope.Lane::of).toList();
        ReloadScope scope = ReloadScope.of(before, after, unchanged);
        try {
            if (scope.restartsAll()) {
                running.closeForReload(DRAIN_TIMEOUT);
                registry.clear();
                pipeline = startPipeline(next, compiled, true);
            } else {
                Set<SystemSide> captured = capturedSides(compiled);
                listener.rebind(directions(compiled), captured,
                        captured.stream().filter(side -> !scope.captures().contains(side)).collect(Collectors.toSet()));
                pipeline = Pipeline.reload(running, next, compiled, scope, DRAIN_TIMEOUT, registry, clock, this::onComponentFailure,
                        reloader::switching);
            }
            config = next;
            LOG.info("Bridge '{}' reloaded ({}):\n{}", next.name(), scope.describe(before, after), next.describe());
            running.retireCapturesLeftBy(pipeline).forEach(this::recordRetiredCapture);
            return scope.describe(before, after);
        } catch (Exception e) {
            LOG.error("Bridge '{}': the reloaded configuration did not start ({}); starting the previous one again", next.name(),
                    e.toString());
            registry.clear();
            pipeline = startPipeline(previous, new BindingCompiler(previous).compileAll(new PausedBindingStore(previous.dataDir())),
                    true);
            throw e;
        }
    }

    /** Waits until every capture of the running pipeline streams; returns how many there are. */
    private int awaitStreaming(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Pipeline p = pipeline;
        while (!p.everyCaptureStreamsItsBeat()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the captures did not stream within " + timeout + "; /status says which and why");
            }
            Thread.sleep(50); // the captures' beats are polled: nothing signals them
        }
        return p.captureCount();
    }

    private void recordRetiredCapture(SystemSide side, String released) {
        String message = "no binding captures the " + side.label() + " database any more: " + released;
        LOG.info("Bridge '{}': {}", config.name(), message);
        HistoryDesk history = pipeline.history();
        if (history != null) {
            try {
                history.record(null, "capture-retired", HistoryOutcome.DONE, message, Map.of("system", side.label()));
            } catch (Exception e) {
                LOG.warn("Cannot record the retired capture in the history: {}", e.toString());
            }
        }
    }

    /** Reloads to a new configuration, as {@code cutover reload} does over HTTP; see {@link Reloader}. */
    public ReloadQueries reloads() {
        return reloader;
    }

    /** Locks the data directory (and the embedded broker's, when elsewhere) before anything reads or writes them. */
    private DataDirLock lockStateDirectories() throws StartupException {
        List<Path> dirs = new ArrayList<>(List.of(config.dataDir()));
        if (config.kafka().embedded()) {
            Path kafkaDir = config.kafka().dataDir().toAbsolutePath().normalize();
            if (!kafkaDir.startsWith(config.dataDir().toAbsolutePath().normalize())) {
                dirs.add(kafkaDir);
            }
        }
        try {
            return DataDirLock.acquire(config.name(), dirs);
        } catch (DataDirLock.DataDirLockedException e) {
            throw new StartupException(e.getMessage(), e);
        } catch (IOException e) {
            throw new StartupException("cannot lock data directory " + dirs + ": " + e.getMessage(), e);
        }
    }

    private void onComponentFailure(String component, Throwable cause) {
        if (failure.compareAndSet(null, cause)) {
            LOG.error("{} failed; stopping the bridge: {}", component, cause.toString(), cause);
            Thread t = new Thread(() -> {
                ServiceState previous = state.getAndSet(ServiceState.FAILED);
                if (previous != ServiceState.STOPPED) {
                    closeComponents(Duration.ZERO);
                }
                stopped.countDown();
            }, "cutover-" + config.name() + "-failure");
            t.start();
        }
    }

    /** Stops gracefully: drains, commits and closes. Idempotent; blocks until stopped. */
    public void stop() {
        if (state.compareAndSet(ServiceState.RUNNING, ServiceState.STOPPING)) {
            LOG.info("Stopping bridge '{}': draining", config.name());
            closeComponents(DRAIN_TIMEOUT);
            state.compareAndSet(ServiceState.STOPPING, ServiceState.STOPPED);
            stopped.countDown();
            LOG.info("Bridge '{}' stopped", config.name());
        }
    }

    /** Blocks until the service stopped or failed, or the timeout passed; true when it stopped. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void closeComponents(Duration drainTimeout) {
        Pipeline p = pipeline;
        if (p != null) {
            p.close(drainTimeout);
        }
        if (embeddedKafka != null) {
            embeddedKafka.close();
        }
        HttpEndpoints h = http;
        if (h != null) {
            h.close();
        }
        DataDirLock lock = dataDirLock;
        if (lock != null) {
            lock.close();
        }
    }

    @Override
    public void close() {
        stop();
        if (state.get() == ServiceState.FAILED) {
            closeComponents(Duration.ZERO);
        }
    }

    public ServiceState state() {
        return state.get();
    }

    /** Why the service failed, or null. */
    public Throwable failure() {
        return failure.get();
    }

    /** The metrics registry, for tests and embedding. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The port HTTP is served on, or -1 before start. */
    public int httpPort() {
        HttpEndpoints h = http;
        return h == null ? -1 : h.port();
    }

    /** The dead letters of the synced bindings; null before start or when nothing is synced. */
    public DeadLetterDesk deadLetters() {
        Pipeline p = pipeline;
        return p == null ? null : p.deadLetters();
    }

    /** Pauses and resumes bindings, as {@code cutover pause} and {@code resume} do; null before start. */
    public BindingQueries bindings() {
        Pipeline p = pipeline;
        return p == null ? null : p.bindingControl();
    }

    /**
     * The lifecycle history of the bridge and its bindings; null before start or when every binding
     * is {@code none} (no Kafka keeps it).
     */
    public HistoryDesk history() {
        Pipeline p = pipeline;
        return p == null ? null : p.history();
    }

    /** The conflicts of the two-way bindings; null before start or when no binding is two-way. */
    public ConflictDesk conflicts() {
        Pipeline p = pipeline;
        return p == null ? null : p.conflicts();
    }

    /**
     * The Kafka bootstrap servers in use (the embedded broker's when embedded); null before start
     * and when every binding is {@code none}, which needs no Kafka.
     */
    public String kafkaBootstrap() {
        Pipeline p = pipeline;
        return p == null ? null : p.bootstrapServers();
    }

    private boolean isLive() {
        return state.get() != ServiceState.FAILED;
    }

    /**
     * True while every binding is applying: every component runs, no binding failed, every capture has started
     * streaming (a change or a heartbeat came through, so no write to a captured table can be
     * missed), every applier has joined its consumer group, and nothing keeps retrying a database or
     * the broker that is down ({@code /status} then names the bindings held up and why).
     */
    public boolean isReady() {
        Pipeline p = pipeline;
        MicrometerPipelineListener l = listener;
        return state.get() == ServiceState.RUNNING && p != null && p.isApplying() && p.failedBindings().isEmpty() && l != null
                && l.allCapturesStreaming();
    }

    /**
     * Why {@link #isReady} is false, for {@code /health/ready}: each binding paused for schema drift
     * by name with what drifted, each component waiting out an outage with the bindings it holds up
     * and the cause, else a pointer to {@code /status}; empty when ready.
     */
    public List<String> notReady() {
        if (isReady()) {
            return List.of();
        }
        Pipeline p = pipeline;
        List<String> reasons = new ArrayList<>();
        if (p != null) {
            p.failedBindings().forEach(reasons::add);
            p.pausedForDrift().forEach(r -> reasons.add("paused for schema drift: " + r));
            p.outages().forEach(o -> reasons.add(o.get("component") + " waits out an outage (bindings " + o.get("bindings")
                    + ", since " + o.get("since") + "): " + o.get("cause")));
        }
        if (reasons.isEmpty()) {
            reasons.add("bridge " + state.get().name().toLowerCase(Locale.ROOT)
                    + ": not every binding applies yet, or an outage holds one up (see /status)");
        }
        return reasons;
    }

    /** The document {@code GET /status} serves: state, failure, captures, bindings, loads and resyncs. */
    public Map<String, Object> status() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("bridge", config.name());
        doc.put("state", state.get().name());
        doc.put("startedAt", String.valueOf(startedAt));
        Throwable f = failure.get();
        if (f != null) {
            doc.put("failure", String.valueOf(f.getMessage()));
        }
        MicrometerPipelineListener l = listener;
        Pipeline p = pipeline;
        if (l != null) {
            Map<String, Map<String, Object>> captures = l.captureStatus();
            if (p != null) {
                p.retentionStatus().forEach((system, retained) -> captures.computeIfPresent(system, (k, entry) -> {
                    entry.putAll(retained);
                    return entry;
                }));
                p.captureEngines().forEach((system, engine) -> captures.computeIfPresent(system, (k, capture) -> {
                    capture.putAll(engine);
                    // Its own beat came back through the stream: it streams, even before Debezium's first heartbeat.
                    if (engine.get("lastBeatRow") != null) {
                        capture.put("streaming", true);
                    }
                    return capture;
                }));
                p.captureOutages().forEach((system, cause) -> captures.computeIfPresent(system, (k, capture) -> {
                    capture.put("streaming", false);
                    capture.put("outage", cause);
                    return capture;
                }));
            }
            doc.put("captures", captures);
        }
        if (p != null) {
            doc.put("degraded", p.outages());
            doc.put("bindings", p.bindingStatus());
            doc.put("loading", p.resyncs().loading());
            doc.put("resyncs", p.resyncs().list());
        }
        return doc;
    }

    private void transition(ServiceState expected, ServiceState next) {
        if (!state.compareAndSet(expected, next)) {
            throw new IllegalStateException("bridge '" + config.name() + "' is " + state.get() + ", expected " + expected);
        }
    }
}
