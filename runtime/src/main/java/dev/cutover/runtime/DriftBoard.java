package dev.cutover.runtime;

import dev.cutover.core.drift.DriftListener;
import dev.cutover.core.drift.DriftReport;
import dev.cutover.core.drift.SchemaDifference;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bindings paused for schema drift, as the captures and appliers report them, for the log,
 * {@code /status} and {@code /health/ready}. A binding held by its capture stays on the board until
 * the bridge stops: resuming takes a restart with a fixed configuration or table; one held by its
 * applier leaves it when resumed once its table fits again. The first pause of a binding is
 * also remembered (see {@link PausedBindingStore}), so a restart before the configuration is fixed
 * starts it paused again. Thread-safe.
 */
final class DriftBoard {

    private static final Logger LOG = LoggerFactory.getLogger(DriftBoard.class);

    /** The {@code /status} state of a binding paused for schema drift. */
    static final String PAUSED_DRIFT = "PAUSED_DRIFT";

    private record Entry(DriftReport report, Instant since, String changesWait, PausedBindingStore.Waits waits) {
    }

    private final Clock clock;
    private final String heldTopic;
    private final BiConsumer<String, PausedBindingStore.Waits> remember;
    private final Consumer<String> forget;
    private volatile Map<String, List<String>> configurationProblems;
    private final Map<String, Entry> paused = new ConcurrentHashMap<>();

    /**
     * @param heldTopic where a capture holds the changes of a paused binding, for messages
     * @param remember told once per binding that pauses, and where its changes wait, so a restart can start it paused
     * @param forget told when a binding held by its applier resumed because its table fits again
     * @param configurationProblems of the bindings that start paused because their configuration does
     *     not fit the live tables yet, the problems, by binding
     */
    DriftBoard(Clock clock, String heldTopic, BiConsumer<String, PausedBindingStore.Waits> remember, Consumer<String> forget,
            Map<String, List<String>> configurationProblems) {
        this.clock = clock;
        this.heldTopic = heldTopic;
        this.remember = remember;
        this.forget = forget;
        this.configurationProblems = Map.copyOf(configurationProblems);
    }

    /** The listener of a capture: a paused binding's changes are held on the held-changes topic. */
    DriftListener captureListener() {
        return listener(binding -> "on " + heldTopic + ", in capture order", PausedBindingStore.Waits.CAPTURE);
    }

    /** The listener of an applier: a paused binding's changes stay uncommitted on its change topic. */
    DriftListener applierListener(Map<String, String> topicByBinding) {
        return listener(binding -> "on " + topicByBinding.get(binding) + ", uncommitted", PausedBindingStore.Waits.APPLIER);
    }

    private DriftListener listener(UnaryOperator<String> changesWait, PausedBindingStore.Waits waits) {
        return new DriftListener() {
            @Override
            public void onPaused(DriftReport report) {
                if (pause(report, changesWait.apply(report.binding()), waits)) {
                    remember.accept(report.binding(), waits);
                }
            }

            @Override
            public void onCompatibleDrift(DriftReport report) {
                LOG.info("{}; changes keep flowing", report.describe());
            }
        };
    }

    /** True when the binding was not paused before. */
    private boolean pause(DriftReport report, String changesWait, PausedBindingStore.Waits waits) {
        if (paused.putIfAbsent(report.binding(), new Entry(report, clock.instant(), changesWait, waits)) != null) {
            return false;
        }
        List<String> problems = configurationProblems.get(report.binding());
        LOG.warn("Paused {}{}. Its changes wait {}; nothing of it is dead-lettered and the other bindings keep flowing",
                report.describe(), problems == null ? "" : "; the configuration does not fit the tables yet: " + String.join("; ", problems),
                changesWait);
        return true;
    }

    /**
     * True when {@code binding}'s changes are held by its capture (on the held-changes topic), which
     * gives them back only when the bridge restarts.
     */
    boolean heldByCapture(String binding) {
        Entry entry = paused.get(binding);
        return entry != null && entry.waits() == PausedBindingStore.Waits.CAPTURE;
    }

    /** Takes {@code binding} off the board: its applier resumed it, its written table fitting again. */
    void released(String binding) {
        if (paused.remove(binding) != null) {
            LOG.info("Binding '{}' resumed: its table fits the mapping again", binding);
            forget.accept(binding);
        }
    }

    /**
     * Takes {@code bindings} off the board as a reload restarts their captures or appliers, which
     * pause them again if they still drift; {@code problems} are those of the reloaded configuration.
     */
    void restarting(Set<String> bindings, Map<String, List<String>> problems) {
        paused.keySet().removeAll(bindings);
        configurationProblems = Map.copyOf(problems);
    }

    /** True when {@code binding} is paused for drift. */
    boolean isPaused(String binding) {
        return paused.containsKey(binding);
    }

    /** The paused bindings, each as {@code binding 'x': <what drifted>}, for readiness. */
    List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        paused.values().forEach(e -> reasons.add(e.report().describe() + (configurationProblems.containsKey(e.report().binding())
                ? "; the configuration does not fit the tables yet" : "")));
        reasons.sort(null);
        return reasons;
    }

    /**
     * The {@code drift} object of a paused binding's status: side, table, since, where its changes
     * wait, and every difference with its fix; null when the binding is not paused.
     */
    Map<String, Object> status(String binding) {
        Entry entry = paused.get(binding);
        if (entry == null) {
            return null;
        }
        DriftReport report = entry.report();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("side", report.side().label());
        doc.put("table", report.table().toString());
        doc.put("since", entry.since().toString());
        doc.put("changesWait", entry.changesWait());
        doc.put("summary", report.describe());
        List<Map<String, Object>> differences = new ArrayList<>();
        for (SchemaDifference d : report.differences()) {
            Map<String, Object> diff = new LinkedHashMap<>();
            diff.put("column", d.column());
            diff.put("change", d.kind().label());
            diff.put("was", d.was());
            diff.put("now", d.now());
            diff.put("compatible", d.compatible());
            diff.put("fix", d.fix());
            differences.add(diff);
        }
        doc.put("differences", differences);
        if (configurationProblems.containsKey(binding)) {
            // Started paused: the configuration must be fixed before the bridge can resume the binding.
            doc.put("configurationProblems", configurationProblems.get(binding));
        }
        doc.put("resume", "fix what the differences say, then restart the bridge: the changes that waited are applied in order"
                + " through the fixed mapping");
        return doc;
    }
}
