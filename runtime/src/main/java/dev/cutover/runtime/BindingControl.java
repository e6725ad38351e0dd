package dev.cutover.runtime;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.lifecycle.HistoryOutcome;
import dev.cutover.kafka.HeldBinding;
import dev.cutover.kafka.KafkaApplyLoop;
import dev.cutover.kafka.StillDriftedException;
import dev.cutover.runtime.batch.BatchScheduler;
import dev.cutover.runtime.history.HistoryDesk;
import dev.cutover.runtime.http.BindingQueries;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses and resumes bindings while the bridge runs, for operators. Pausing stops applying a
 * binding (both directions of a two-way one) and skips its scheduled copies; its changes keep
 * being captured and wait, in order, on its topic. Resuming applies them. A pause is stored in the
 * data directory and survives a restart. Resuming also releases a binding that failed, and one
 * its applier paused for drift once its table fits again. Thread-safe.
 */
final class BindingControl implements BindingQueries {

    private static final Logger LOG = LoggerFactory.getLogger(BindingControl.class);
    /** How long a request waits for the applier to take it: it does so between batches, or after a retry's wait. */
    private static final Duration TAKE_EFFECT = Duration.ofSeconds(10);

    private final List<BindingOptions> configured;
    private final List<CompiledBinding> bindings;
    private final Map<SystemSide, KafkaApplyLoop> loops;
    private final Map<String, BatchScheduler> batches;
    private final OperatorPauseStore store;
    private final DriftBoard drift;
    private final Clock clock;
    private volatile HistoryDesk history;

    /** The maps are the pipeline's own, read as they fill while it starts. */
    BindingControl(List<BindingOptions> configured, List<CompiledBinding> bindings, Map<SystemSide, KafkaApplyLoop> loops,
            Map<String, BatchScheduler> batches, OperatorPauseStore store, DriftBoard drift, Clock clock) {
        this.configured = List.copyOf(configured);
        this.bindings = List.copyOf(bindings);
        this.loops = loops;
        this.batches = batches;
        this.store = store;
        this.drift = drift;
        this.clock = clock;
    }

    /** Records every pause, resume and failure in {@code desk} from now on. */
    void recordIn(HistoryDesk desk) {
        this.history = desk;
    }

    /** Told by an applier that {@code binding} failed and waits: records it. */
    void failed(String binding, Throwable cause) {
        record(binding, "binding-failed", HistoryOutcome.FAILED, "the target refused its changes: " + cause.getMessage()
                + "; they wait until it is resumed", Map.of());
    }

    @Override
    public Map<String, Object> pause(String binding) {
        List<CompiledBinding> directions = synced(binding);
        store.save(binding, clock.instant());
        BatchScheduler batch = batches.get(binding);
        if (batch != null) {
            batch.pause(true);
        }
        boolean taken = awaitAll(directions, loop -> loop.pause(binding));
        LOG.info("Binding '{}' paused by an operator; its changes wait on {}", binding, topics(directions));
        record(binding, "pause", taken ? HistoryOutcome.DONE : HistoryOutcome.STARTED, "paused by an operator", Map.of());
        return answer(binding, taken ? "paused: its changes keep being captured and wait on " + topics(directions)
                : "pause requested: it takes effect once the applier finishes the batch (or the retry) in hand");
    }

    @Override
    public Map<String, Object> resume(String binding) {
        List<CompiledBinding> directions = synced(binding);
        if (drift.heldByCapture(binding)) {
            throw new IllegalStateException("binding '" + binding + "' is paused for schema drift of its captured table; its capture"
                    + " holds its changes until the bridge restarts with the table or the configuration fixed");
        }
        boolean taken = awaitAll(directions, loop -> loop.resume(binding));
        store.remove(binding);
        BatchScheduler batch = batches.get(binding);
        if (batch != null) {
            batch.pause(false);
        }
        drift.released(binding);
        LOG.info("Binding '{}' resumed by an operator; its waiting changes are applied in order", binding);
        record(binding, "resume", taken ? HistoryOutcome.DONE : HistoryOutcome.STARTED, "resumed by an operator", Map.of());
        return answer(binding, taken ? "resumed: its waiting changes are applied in order"
                : "resume requested: it takes effect once the applier finishes the batch (or the retry) in hand");
    }

    /** True when {@code binding} was paused by an operator (and not resumed since), across restarts. */
    boolean pausedByOperator(String binding) {
        return store.pausedSince(binding).isPresent();
    }

    private List<CompiledBinding> synced(String binding) {
        BindingOptions options = configured.stream().filter(b -> b.name().equals(binding)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no binding '" + binding + "' in this bridge"));
        if (!options.synced()) {
            throw new IllegalArgumentException("binding '" + binding + "' has direction none: nothing of it is synced to pause or resume");
        }
        return bindings.stream().filter(b -> b.name().equals(binding)).toList();
    }

    /** Asks each direction's applier; true when all took the request within {@link #TAKE_EFFECT}. */
    private boolean awaitAll(List<CompiledBinding> directions, java.util.function.Function<KafkaApplyLoop,
            CompletableFuture<HeldBinding>> request) {
        List<CompletableFuture<HeldBinding>> pending = new ArrayList<>();
        for (CompiledBinding b : directions) {
            KafkaApplyLoop loop = loops.get(b.target());
            if (loop != null) {
                pending.add(request.apply(loop));
            }
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(TAKE_EFFECT.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the applier took the request", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StillDriftedException still) {
                throw new IllegalStateException("binding cannot resume: " + still.getMessage(), still);
            }
            throw new IllegalStateException(String.valueOf(e.getCause().getMessage()), e.getCause());
        }
    }

    /** Records a step in the history; a history that cannot be written is logged, and the step stands. */
    private void record(String binding, String event, HistoryOutcome outcome, String message, Map<String, String> details) {
        HistoryDesk desk = history;
        if (desk == null) {
            return;
        }
        try {
            desk.record(binding, event, outcome, message, details);
        } catch (Exception e) {
            LOG.warn("Cannot record '{}' of binding '{}' in the history: {}", event, binding, e.toString());
        }
    }

    private Map<String, Object> answer(String binding, String message) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("binding", binding);
        doc.put("message", message);
        return doc;
    }

    private static String topics(List<CompiledBinding> directions) {
        return String.join(" and ", directions.stream().map(b -> b.route().topic()).toList());
    }

    /** Forgets an operator's pause of a binding that was removed from the configuration and purged. */
    void forget(String binding) {
        store.remove(binding);
    }
}
