package dev.cutover.runtime.history;

import dev.cutover.core.lifecycle.HistoryEntry;
import dev.cutover.core.lifecycle.HistoryOutcome;
import dev.cutover.core.lifecycle.HistorySink;
import dev.cutover.runtime.http.HistoryQueries;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a running bridge keeps its lifecycle history: records each step of the bridge and its
 * bindings, stamped with the bridge's clock, durably through a {@link HistorySink}, and lists what
 * was recorded, oldest first, by reading the log back (so entries of earlier runs are listed too).
 *
 * <p>Thread-safe when the sink and the log are.
 */
public final class HistoryDesk implements HistoryQueries {

    /** Bridge-level event: the bridge started; details name each binding with its direction. */
    public static final String BRIDGE_START = "bridge-start";
    /** Bridge-level event: the bridge stopped. */
    public static final String BRIDGE_STOP = "bridge-stop";

    /** Reads the history back, oldest first. */
    @FunctionalInterface
    public interface Log {
        /** The entries of {@code binding} only; all of them when it is null. */
        List<HistoryEntry> read(String binding) throws Exception;
    }

    private final HistorySink sink;
    private final Log log;
    private final Clock clock;

    public HistoryDesk(HistorySink sink, Log log, Clock clock) {
        this.sink = sink;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Records a step now; returns once it is durable.
     *
     * @param binding the binding it concerns; null for the bridge as a whole
     * @throws Exception when it could not be stored
     */
    public void record(String binding, String event, HistoryOutcome outcome, String message, Map<String, String> details)
            throws Exception {
        sink.record(new HistoryEntry(clock.instant(), binding, event, outcome, message, details));
    }

    /** Records that {@code bridge} started with {@code directions} (binding name to direction label, in order). */
    public void bridgeStarted(String bridge, Map<String, String> directions) throws Exception {
        record(null, BRIDGE_START, HistoryOutcome.DONE, "bridge '" + bridge + "' started with " + directions.size() + " binding(s)",
                directions);
    }

    /** Records that {@code bridge} stopped, having let its appliers drain for up to {@code drainTimeout} (zero: not drained). */
    public void bridgeStopped(String bridge, Duration drainTimeout) throws Exception {
        String how = drainTimeout.isZero() ? "without draining, after a failure" : "after draining its appliers";
        record(null, BRIDGE_STOP, HistoryOutcome.DONE, "bridge '" + bridge + "' stopped " + how,
                Map.of("drain-timeout", drainTimeout.toString()));
    }

    /**
     * The history, oldest first.
     *
     * @param binding only this binding's entries (those of the bridge as a whole left out); null for all
     * @throws Exception when the log cannot be read
     */
    public List<HistoryEntry> entries(String binding) throws Exception {
        return log.read(binding);
    }

    @Override
    public List<Map<String, Object>> list(String binding) throws Exception {
        return entries(binding).stream().map(HistoryDesk::document).toList();
    }

    /** The JSON-ready document of {@code entry}, as {@code /history} serves it. */
    static Map<String, Object> document(HistoryEntry entry) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("time", entry.time().toString());
        doc.put("binding", entry.binding());
        doc.put("event", entry.event());
        doc.put("outcome", entry.outcome().label());
        doc.put("message", entry.message());
        doc.put("details", entry.details());
        return doc;
    }
}
