package dev.cutover.runtime;

import dev.cutover.config.BridgeConfig;
import dev.cutover.config.diff.BindingChange;
import dev.cutover.config.diff.Switch;
import dev.cutover.config.diff.SwitchStep;
import dev.cutover.core.lifecycle.HistoryOutcome;
import dev.cutover.runtime.history.HistoryDesk;
import dev.cutover.runtime.http.ReloadQueries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a running bridge to a new configuration, one reload at a time, on a thread of its own.
 * A reload that the configuration or the real tables refuse changes nothing. Each binding whose
 * direction changes first runs the steps of its {@link Switch} against the bridge as it runs
 * ({@link SwitchSteps}: drain, verify, keys), marked {@link BindingState#SWITCHING}; a step that
 * fails stops the reload before anything changed. Then the bridge's pipeline moves to the new
 * configuration, restarting only the captures and appliers whose bindings change, the switched
 * bindings' tables marked in sync so that no capture loads them again; the reload is done once every capture streams, so the
 * applications may write to a newly captured side. Every step is logged, recorded in the history with how long
 * it took, and listed by {@link #progress}. Thread-safe.
 */
final class Reloader implements ReloadQueries {

    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

    /** What a reload acts on: the running bridge. */
    interface Bridge {
        BridgeConfig config();

        Pipeline pipeline();

        /**
         * Moves the running pipeline to {@code next}: keeps running the captures and appliers whose
         * bindings stay as they are and restarts the others.
         *
         * @param unchanged the bindings the reload leaves as they are
         * @return what kept running and what restarted
         */
        String restartOn(BridgeConfig next, Set<String> inSync, Set<String> unchanged) throws Exception;

        /**
         * Waits until every capture of the running pipeline streams: from then on every write to a
         * captured table is captured (a table added to a PostgreSQL publication is decoded only from
         * the change that added it).
         *
         * @return how many captures stream
         */
        int awaitStreaming(Duration timeout) throws Exception;
    }

    /** How long a restarted capture may take to stream again before the reload counts as failed. */
    private static final Duration STREAMING_TIMEOUT = Duration.ofMinutes(2);

    private final Bridge bridge;
    private final Set<String> switching = ConcurrentHashMap.newKeySet();
    private volatile Run latest;
    private int sequence;

    Reloader(Bridge bridge) {
        this.bridge = bridge;
    }

    /** True while {@code binding}'s direction is being switched. */
    boolean switching(String binding) {
        return switching.contains(binding);
    }

    @Override
    public Map<String, Object> plan(String yaml, String path) {
        return ReloadPlanner.plan(bridge.config(), yaml, path).document();
    }

    @Override
    public synchronized Map<String, Object> start(String yaml, String path, boolean force, boolean purge) {
        Run running = latest;
        if (running != null && running.state.equals("running")) {
            throw new IllegalStateException("reload " + running.id + " is still running; follow it with GET /reload");
        }
        ReloadPlanner.Planned planned = ReloadPlanner.plan(bridge.config(), yaml, path);
        if (!planned.applicable()) {
            throw new IllegalArgumentException("the reload is refused and changes nothing:\n" + String.join("\n", planned.lines()));
        }
        Run run = new Run("reload-" + ++sequence, planned, force, purge);
        latest = run;
        if (!planned.plan().changesAnything()) {
            run.state = "done";
            return run.document();
        }
        Thread thread = new Thread(run::execute, "cutover-" + bridge.config().name() + "-reload");
        thread.setDaemon(true);
        thread.start();
        return run.document();
    }

    @Override
    public Map<String, Object> progress() {
        Run run = latest;
        if (run == null) {
            throw new NoSuchElementException("no reload ran since the bridge started");
        }
        return run.document();
    }

    /** One reload: its plan, its steps as they happen, and how it ended. */
    private final class Run {
        private final String id;
        private final ReloadPlanner.Planned planned;
        private final boolean force;
        private final boolean purge;
        private final List<Map<String, Object>> steps = new CopyOnWriteArrayList<>();
        private volatile String state = "running";
        private volatile String error;

        Run(String id, ReloadPlanner.Planned planned, boolean force, boolean purge) {
            this.id = id;
            this.planned = planned;
            this.force = force;
            this.purge = purge;
        }

        void execute() {
            Set<String> inSync = new HashSet<>();
            try {
                for (BindingChange change : planned.plan().bindings()) {
                    if (change.directionSwitch() != null) {
                        switching.add(change.name());
                        prepareSwitch(change, inSync);
                    }
                }
                Map<String, List<String>> removedTopics = purge ? removedTopics() : Map.of();
                Set<String> unchanged = planned.plan().bindings().stream().filter(b -> b.kind() == BindingChange.Kind.UNCHANGED)
                        .map(BindingChange::name).collect(Collectors.toSet());
                step(null, "reload-restart", "the pipeline moves to the new configuration: " + planned.plan().summary(),
                        () -> "running on the new configuration; " + bridge.restartOn(planned.next(), inSync, unchanged));
                step(null, "reload-streaming", "waiting until every capture streams", () -> {
                    int captures = bridge.awaitStreaming(STREAMING_TIMEOUT);
                    return captures + " capture" + (captures == 1 ? "" : "s") + " streaming: writes from now on are captured";
                });
                for (Map.Entry<String, List<String>> removed : removedTopics.entrySet()) {
                    step(removed.getKey(), "binding-purge", "deleting the removed binding's topics and state",
                            () -> bridge.pipeline().purge(removed.getKey(), removed.getValue()));
                }
                for (BindingChange change : planned.plan().bindings()) {
                    if (change.directionSwitch() != null) {
                        record(change.name(), "switch", HistoryOutcome.DONE, "switched " + change.directionSwitch().label(), Duration.ZERO);
                    }
                }
                state = "done";
            } catch (Exception e) {
                error = e.getMessage();
                state = "failed";
                LOG.error("Reload {} failed: {}", id, e.getMessage());
            } finally {
                switching.clear();
            }
        }

        /** The change topics of each binding the reload removes, read while the running pipeline still has them. */
        private Map<String, List<String>> removedTopics() {
            Map<String, List<String>> topics = new LinkedHashMap<>();
            for (BindingChange change : planned.plan().bindings()) {
                if (change.kind() == BindingChange.Kind.REMOVED) {
                    topics.put(change.name(), bridge.pipeline().topicsOf(change.name()));
                }
            }
            return topics;
        }

        /** Runs the steps before the switch; verified equal, the binding's tables need no load on the other side. */
        private void prepareSwitch(BindingChange change, Set<String> inSync) throws Exception {
            Switch sw = change.directionSwitch();
            Pipeline pipeline = bridge.pipeline();
            SwitchSteps steps = new SwitchSteps(bridge.config(), pipeline);
            String name = change.name();
            boolean synced = !pipeline.directionsOf(name).isEmpty();
            for (SwitchStep s : sw.steps()) {
                switch (s) {
                    case DRAIN -> {
                        if (synced) {
                            step(name, "switch-drain", "applying what was written before the switch", () -> steps.drain(name));
                        }
                    }
                    case VERIFY -> {
                        step(name, "switch-verify", "comparing the tables through the mapping", () -> {
                            try {
                                return steps.verify(name, pipeline.mapping(name), synced);
                            } catch (SwitchSteps.SwitchException e) {
                                if (!force) {
                                    throw e;
                                }
                                return "forced past: " + e.getMessage();
                            }
                        });
                        // Forced, the rows stay as they are: loading one side over the other would pick a winner nobody chose.
                        inSync.add(name);
                    }
                    case KEYS -> step(name, "switch-keys", "moving key generators of sides that start taking inserts",
                            () -> new SwitchKeys(bridge.config()).keys(pipeline.mapping(name), sw.from(), sw.to()));
                    default -> {
                        // LOAD, START, STOP and SWITCH happen as the pipeline restarts on the new configuration.
                    }
                }
            }
        }

        private String step(String binding, String event, String starting, StepWork work) throws Exception {
            long started = System.nanoTime();
            LOG.info("Reload {}{}: {}", id, binding == null ? "" : " of binding '" + binding + "'", starting);
            try {
                String message = work.run();
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                addStep(binding, event, HistoryOutcome.DONE, message, took);
                record(binding, event, HistoryOutcome.DONE, message, took);
                return message;
            } catch (Exception e) {
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                addStep(binding, event, HistoryOutcome.FAILED, e.getMessage(), took);
                record(binding, event, HistoryOutcome.FAILED, e.getMessage(), took);
                throw e;
            }
        }

        private void addStep(String binding, String event, HistoryOutcome outcome, String message, Duration took) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("binding", binding);
            step.put("step", event);
            step.put("outcome", outcome.label());
            step.put("message", message);
            step.put("millis", took.toMillis());
            steps.add(step);
            LOG.info("Reload {}{}: {} {} in {} ms: {}", id, binding == null ? "" : " of binding '" + binding + "'", event,
                    outcome.label(), took.toMillis(), message);
        }

        Map<String, Object> document() {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("id", id);
            doc.put("state", state);
            doc.put("summary", planned.plan().summary());
            doc.put("lines", planned.lines());
            doc.put("steps", new ArrayList<>(steps));
            if (error != null) {
                doc.put("error", error);
            }
            return doc;
        }
    }

    /** Records a step in the history of the pipeline running now; a history that cannot be written is logged. */
    private void record(String binding, String event, HistoryOutcome outcome, String message, Duration took) {
        Pipeline pipeline = bridge.pipeline();
        HistoryDesk history = pipeline == null ? null : pipeline.history();
        if (history == null) {
            return;
        }
        try {
            history.record(binding, event, outcome, message, Map.of("took", took.toString()));
        } catch (Exception e) {
            LOG.warn("Cannot record '{}' in the history: {}", event, e.toString());
        }
    }

    @FunctionalInterface
    private interface StepWork {
        String run() throws Exception;
    }
}
