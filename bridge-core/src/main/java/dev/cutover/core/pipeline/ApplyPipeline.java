package dev.cutover.core.pipeline;

import dev.cutover.core.conflict.ConflictRecord;
import dev.cutover.core.conflict.ReflectionGuard;
import dev.cutover.core.deadletter.BlockedKeyGate;
import dev.cutover.core.deadletter.DeadLetterLedger;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ApplyException;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.pipeline.spi.BindingAttribution;
import dev.cutover.core.pipeline.spi.ChangeApplier;
import dev.cutover.core.pipeline.spi.DeadLetterSink;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.core.pipeline.spi.TargetRowReader;
import dev.cutover.core.pipeline.spi.TransactionReportingApplier;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The apply half of a pipeline: writes a decoded batch of changes into one target database and
 * tells what became of each, so the transport that delivered the batch may commit its position
 * once {@link #report} returns. One pipeline serves one target database.
 *
 * <p>{@link #apply} runs the batch through these steps, outermost first: the
 * {@link BlockedKeyGate} (when {@linkplain Builder#blockingDeadLetteredRows on}) holds the changes of
 * rows with an open dead letter; for the two-way bindings, the arbiter tells the
 * {@link ReflectionGuard} which transaction wrote which change, or the follower leaves out the
 * arbiter's reflections that a later change of its own supersedes; then the applier writes.
 *
 * <p>The caller then decides which bindings to pause (a refusal may show that the written table
 * drifted from the compiled mapping) and calls {@link #report}, which parks the other refusals
 * (stage {@code apply}; the sink says whether each became a dead letter or waits behind its row's)
 * and tells the listener of every outcome: conflicts, held, skipped (with the reason) and applied
 * changes (with the end-to-end lag), each attributed to its binding. That order keeps a refusal
 * from a drifted binding from becoming a dead letter.
 *
 * <p>Called from the apply thread only; not thread-safe, as {@link ChangeApplier}.
 */
public final class ApplyPipeline {

    private final ChangeApplier steps;
    private final DeadLetterSink deadLetters;
    private final PipelineListener listener;
    private final Map<TableId, String> bindingByTable;

    private ApplyPipeline(ChangeApplier steps, DeadLetterSink deadLetters, PipelineListener listener,
            Map<TableId, String> bindingByTable) {
        this.steps = steps;
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.bindingByTable = bindingByTable;
    }

    /**
     * A pipeline writing through {@code applier} and nothing else; see {@link #builder} for the
     * two-way steps and the dead-letter gate.
     */
    public static ApplyPipeline of(ChangeApplier applier, DeadLetterSink deadLetters, PipelineListener listener,
            Map<TableId, String> bindingByTable) {
        return builder(deadLetters, listener, bindingByTable).applier(applier).build();
    }

    /**
     * @param deadLetters parks refused changes
     * @param listener told of every outcome
     * @param bindingByTable the binding writing each target table, for changes their transport did
     *     not attribute
     */
    public static Builder builder(DeadLetterSink deadLetters, PipelineListener listener, Map<TableId, String> bindingByTable) {
        return new Builder(deadLetters, listener, bindingByTable);
    }

    /**
     * Applies {@code changes} in one transaction, through the steps of the class documentation.
     *
     * @param changes decoded changes in the target's terms, in the order they were captured
     * @throws ApplyException when nothing was committed; {@link ApplyException#retriable()} says
     *     whether the same batch may succeed later
     */
    public ApplyResult apply(List<ChangeEvent> changes) throws ApplyException {
        return steps.apply(changes);
    }

    /**
     * Parks the refused changes and tells the listener of every outcome, leaving out the applied,
     * refused and skipped changes of {@code paused} bindings: those are applied again after the
     * restart, and reported then. Held changes need nothing more: they were stored (in the conflict
     * or dead-letter log) before the batch committed.
     *
     * @param batch which binding each change belongs to, as its transport knows
     * @param paused bindings paused for drift while this batch was applied
     * @return how many refused changes were parked
     * @throws Exception when a refusal could not be parked; the batch must then not be committed
     */
    public int report(ApplyResult result, BindingAttribution batch, Set<String> paused) throws Exception {
        ApplyResult reported = paused.isEmpty() ? result : withoutBindings(batch, result, paused);
        for (ApplyResult.RejectedChange rejected : reported.rejected()) {
            deadLetters.parkAndReport(bindingOf(batch, rejected.change()), "apply", rejected.change(), rejected.reason(), listener);
        }
        for (ConflictRecord conflict : reported.conflicts()) {
            listener.onConflict(bindingOf(batch, conflict.conflict().change(), conflict.conflict().binding()), conflict);
        }
        for (ChangeEvent held : reported.held()) {
            listener.onHeld(bindingOf(batch, held), held);
        }
        for (ApplyResult.SkippedChange skipped : reported.skipped()) {
            listener.onSkipped(bindingOf(batch, skipped.change()), skipped.change(), skipped.reason());
        }
        for (ChangeEvent applied : reported.applied()) {
            listener.onApplied(bindingOf(batch, applied), applied, Duration.between(applied.commitTime(), reported.commitTime()));
        }
        return reported.rejected().size();
    }

    /** The bindings of {@code changes}; {@code unknown} for a change no binding writes. */
    public Set<String> bindingsOf(BindingAttribution batch, List<ChangeEvent> changes) {
        Set<String> bindings = new HashSet<>();
        changes.forEach(change -> bindings.add(bindingOf(batch, change)));
        return bindings;
    }

    private String bindingOf(BindingAttribution batch, ChangeEvent change) {
        return bindingOf(batch, change, "unknown");
    }

    private String bindingOf(BindingAttribution batch, ChangeEvent change, String otherwise) {
        String binding = batch.bindingOf(change);
        if (binding == null) {
            // the applier returned an equal change rather than the one it was given
            binding = bindingByTable.get(change.table());
        }
        return binding != null ? binding : otherwise;
    }

    /** {@code result} without the applied, refused and skipped changes of {@code bindings}. */
    private ApplyResult withoutBindings(BindingAttribution batch, ApplyResult result, Set<String> bindings) {
        return new ApplyResult(
                result.applied().stream().filter(ch -> !bindings.contains(bindingOf(batch, ch))).toList(),
                result.rejected().stream().filter(r -> !bindings.contains(bindingOf(batch, r.change()))).toList(),
                result.commitTime(), result.conflicts(), result.held(),
                result.skipped().stream().filter(sk -> !bindings.contains(bindingOf(batch, sk.change()))).toList());
    }

    /** Puts the steps of an {@link ApplyPipeline} together; name the applier once, then build. */
    public static final class Builder {
        private final DeadLetterSink deadLetters;
        private final PipelineListener listener;
        private final Map<TableId, String> bindingByTable;
        private ChangeApplier steps;
        private DeadLetterLedger ledger;

        private Builder(DeadLetterSink deadLetters, PipelineListener listener, Map<TableId, String> bindingByTable) {
            this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
            this.listener = Objects.requireNonNull(listener, "listener");
            this.bindingByTable = Map.copyOf(bindingByTable);
        }

        /** Writes through {@code applier} alone: one-way bindings. */
        public Builder applier(ChangeApplier applier) {
            return steps(Objects.requireNonNull(applier, "applier"));
        }

        /**
         * Writes through {@code applier} as the arbiter of two-way bindings, telling {@code guard}
         * which transaction wrote which change of {@code twoWayTables}.
         *
         * @param twoWayTables the two-way bindings by their table on the arbiter's side
         */
        public Builder arbiter(TransactionReportingApplier applier, ReflectionGuard guard, Map<TableId, TwoWayTarget> twoWayTables) {
            return steps(new ArbiterReporting(applier, guard, twoWayTables));
        }

        /**
         * Writes through {@code applier} as the follower of two-way bindings, leaving out the
         * arbiter's reflections that a later change of the follower supersedes.
         *
         * @param twoWayTables the two-way bindings by their table on the follower's side
         * @param rows reads the follower's rows
         */
        public Builder follower(ChangeApplier applier, ReflectionGuard guard, Map<TableId, TwoWayTarget> twoWayTables,
                TargetRowReader rows) {
            return steps(new SupersededReflectionFilter(applier, guard, twoWayTables, rows));
        }

        /** Holds the changes of rows with an open dead letter of {@code ledger} behind it. */
        public Builder blockingDeadLetteredRows(DeadLetterLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        public ApplyPipeline build() {
            if (steps == null) {
                throw new IllegalStateException("an apply pipeline needs an applier");
            }
            ChangeApplier gated = ledger == null ? steps : new BlockedKeyGate(steps, ledger, bindingByTable);
            return new ApplyPipeline(gated, deadLetters, listener, bindingByTable);
        }

        private Builder steps(ChangeApplier applier) {
            if (steps != null) {
                throw new IllegalStateException("an apply pipeline writes through one applier");
            }
            steps = applier;
            return this;
        }
    }
}
