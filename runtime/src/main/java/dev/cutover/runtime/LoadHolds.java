package dev.cutover.runtime;

import dev.cutover.core.event.SystemSide;
import dev.cutover.kafka.KafkaApplyLoop;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a binding's applier back while its table is copied in bulk, across the appliers a reload
 * starts: an applier started while a copy runs holds the binding from its first batch. Shared by a
 * bridge's pipelines (a reload carries it over). Thread-safe.
 */
final class LoadHolds {

    private static final Logger LOG = LoggerFactory.getLogger(LoadHolds.class);
    /** How long an applier may take to hold a binding: it does so between two batches. */
    private static final Duration TAKE_EFFECT = Duration.ofSeconds(60);

    private final Map<SystemSide, KafkaApplyLoop> loops = new ConcurrentHashMap<>();
    private final Map<String, SystemSide> loading = new ConcurrentHashMap<>();

    /** {@code loop} applies to {@code side} from now on; it holds the bindings being loaded there before it starts. */
    void attach(SystemSide side, KafkaApplyLoop loop, Iterable<String> bindings) {
        loops.put(side, loop);
        for (String binding : bindings) {
            if (loading.get(binding) == side) {
                loop.holdForLoad(binding);
            }
        }
    }

    /**
     * Holds {@code binding} in the applier of {@code target} and returns once it is held: none of
     * its changes is applied until {@link #release}.
     *
     * @throws Exception when no applier holds it (it ended, or applies no such binding)
     */
    void hold(String binding, SystemSide target) throws Exception {
        loading.put(binding, target);
        KafkaApplyLoop loop = loops.get(target);
        if (loop == null) {
            throw new IllegalStateException("no applier writes the " + target.label() + " database");
        }
        loop.holdForLoad(binding).get(TAKE_EFFECT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Ends the hold of {@code binding}: its changes that waited are applied in order. */
    void release(String binding, SystemSide target) {
        loading.remove(binding);
        KafkaApplyLoop loop = loops.get(target);
        if (loop != null) {
            loop.releaseLoad(binding).whenComplete((held, failure) -> {
                if (failure != null) {
                    LOG.warn("Binding '{}': its applier could not end the hold of its load: {}", binding, failure.getMessage());
                }
            });
        }
    }
}
