package dev.cutover.runtime;

import dev.cutover.config.BridgeConfig;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.jdbc.JdbcRowReader;
import dev.cutover.kafka.KafkaApplyLoop;
import dev.cutover.runtime.verify.TableComparison;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The steps before a binding's direction switches, run against the bridge as it runs: drain (what
 * was written before the switch has been captured and applied) and verify (the two tables are equal
 * through the mapping); the keys step is {@link SwitchKeys}. Each returns what it did, for the
 * progress and the history; a step that cannot succeed throws {@link SwitchException} saying why.
 */
final class SwitchSteps {

    /** How long a drain may wait for the capture to pass the switch's start and the appliers to catch up. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);
    /** How often verify compares the tables before it takes a difference for drift rather than changes in flight. */
    private static final int VERIFY_ATTEMPTS = 4;

    /** A step could not be done; the switch stops and the binding keeps its direction. */
    static final class SwitchException extends Exception {
        SwitchException(String message) {
            super(message);
        }
    }

    private final BridgeConfig config;
    private final Pipeline pipeline;

    SwitchSteps(BridgeConfig config, Pipeline pipeline) {
        this.config = config;
        this.pipeline = pipeline;
    }

    /**
     * Waits until every change committed before now in the binding's captured tables is captured
     * (a heartbeat row written now came back through each capture: the log delivers it after
     * everything committed before it) and applied (its appliers caught up). A two-way binding's
     * directions are drained in the order a change travels, the new side's first: the legacy
     * applier's writes of those changes (the arbiter's versions) are then captured and applied back
     * to the new side too.
     */
    String drain(String binding) throws SwitchException, InterruptedException {
        List<CompiledBinding> directions = pipeline.directionsOf(binding).stream().filter(b -> !b.batched())
                .sorted(Comparator.comparing((CompiledBinding b) -> b.source() == BridgeRoles.ARBITER)).toList();
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        for (CompiledBinding b : directions) {
            if (!pipeline.beatAndAwait(b.source(), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                throw new SwitchException("the capture of the " + b.source().label() + " database streamed nothing for "
                        + DRAIN_TIMEOUT.toSeconds() + " s, so what was written before the switch may not be captured yet");
            }
            KafkaApplyLoop loop = pipeline.applyLoop(b.target());
            long left = Math.max(1, deadline - System.nanoTime());
            if (loop != null && !loop.awaitCaughtUp(Duration.ofNanos(left))) {
                throw new SwitchException("the applier of the " + b.target().label() + " database did not catch up within "
                        + DRAIN_TIMEOUT.toSeconds() + " s (" + loop.lag() + " records behind)");
            }
        }
        return "every change written before the switch is applied (" + directions.size() + " direction"
                + (directions.size() == 1 ? "" : "s") + ")";
    }

    /**
     * Compares the binding's tables through its mapping. While the binding syncs, a difference may
     * be a change still in flight: it drains and compares again, a few times, and only a row that
     * differed every time counts as drift (a row written meanwhile differs at most once or twice).
     */
    String verify(String binding, TableMapping mapping, boolean synced) throws Exception {
        JdbcRowReader legacy = new JdbcRowReader(BindingCompiler.connections(config.system(SystemSide.LEGACY)));
        JdbcRowReader neu = new JdbcRowReader(BindingCompiler.connections(config.system(SystemSide.NEW)));
        TableComparison.Result result = TableComparison.compare(mapping, legacy, neu);
        Set<RowImage> suspects = differing(result);
        for (int attempt = 1; !suspects.isEmpty() && synced && attempt < VERIFY_ATTEMPTS; attempt++) {
            drain(binding);
            result = TableComparison.compare(mapping, legacy, neu);
            suspects.retainAll(differing(result));
        }
        if (!suspects.isEmpty()) {
            List<RowImage> persisting = suspects.stream().limit(10).toList();
            throw new SwitchException("the tables differ through the mapping: " + suspects.size() + " row(s) differ on every comparison,"
                    + " e.g. keys " + persisting + "; fix them (cutover verify lists the rows), or switch with --force");
        }
        return result.newRows() + " rows equal through the mapping" + (synced ? " (changes in flight aside)" : "");
    }

    /** The keys of every row that is missing, unexpected or different. */
    private static Set<RowImage> differing(TableComparison.Result result) {
        Set<RowImage> keys = new HashSet<>(result.missing());
        keys.addAll(result.unexpected());
        keys.addAll(result.differing());
        return keys;
    }
}
