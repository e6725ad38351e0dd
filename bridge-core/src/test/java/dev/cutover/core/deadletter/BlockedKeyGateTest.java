package dev.cutover.core.deadletter;

import static dev.cutover.core.deadletter.DeadLetterFixtures.BINDING;
import static dev.cutover.core.deadletter.DeadLetterFixtures.TABLE;
import static dev.cutover.core.deadletter.DeadLetterFixtures.insert;
import static dev.cutover.core.deadletter.DeadLetterFixtures.key;
import static dev.cutover.core.deadletter.DeadLetterFixtures.partialUpdate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.deadletter.DeadLetterEntry.HeldBehind;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.pipeline.spi.ApplyException;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.pipeline.spi.ChangeApplier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockedKeyGateTest {

    private final DeadLetterFixtures.MemoryStore store = new DeadLetterFixtures.MemoryStore();
    private final DeadLetterIndex index = new DeadLetterIndex();
    private final DeadLetterLedger ledger = DeadLetterFixtures.ledger(store, index);
    private final RefusingApplier applier = new RefusingApplier();
    private final BlockedKeyGate gate = new BlockedKeyGate(applier, ledger, Map.of(TABLE, BINDING));

    /** Applies everything but the changes it is told to refuse, and those of their rows after them, as the JDBC applier does. */
    static final class RefusingApplier implements ChangeApplier {
        final List<ChangeEvent> given = new ArrayList<>();
        Set<ChangeEvent> refuse = Set.of();

        @Override
        public ApplyResult apply(List<ChangeEvent> changes) {
            given.addAll(changes);
            List<ChangeEvent> applied = new ArrayList<>();
            List<ApplyResult.RejectedChange> rejected = new ArrayList<>();
            Set<Object> refusedRows = new java.util.HashSet<>();
            for (ChangeEvent c : changes) {
                if (refuse.contains(c) || refusedRows.contains(c.key())) {
                    refusedRows.add(c.key());
                    rejected.add(new ApplyResult.RejectedChange(c, refuse.contains(c) ? "check qty_small" : "not written"));
                } else {
                    applied.add(c);
                }
            }
            return new ApplyResult(applied, rejected, Instant.EPOCH);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aRefusedChangeAndTheLaterChangesOfItsRowInTheSameBatchEndAsOneDeadLetterWithTheRestHeld() throws Exception {
        ChangeEvent refused = insert(1, 500);
        ChangeEvent later = partialUpdate(1, 600);
        ChangeEvent other = insert(2, 2);
        applier.refuse = Set.of(refused);

        ApplyResult result = applyAndPark(List.of(refused, later, other));

        assertThat(result.applied()).containsExactly(other);
        assertThat(result.rejected()).extracting(ApplyResult.RejectedChange::change).containsExactly(refused, later);
        assertThat(index.blocking(key(1))).isEqualTo("dl-1");
        assertThat(index.held("dl-1")).extracting(HeldBehind::change).containsExactly(later);
    }

    @Test
    void laterBatchesHoldTheChangesOfABlockedRowDurablyAndApplyTheOthers() throws Exception {
        applier.refuse = Set.of(insert(1, 500));
        applyAndPark(List.copyOf(applier.refuse));
        applier.given.clear();
        ChangeEvent later = partialUpdate(1, 600);
        ChangeEvent other = insert(2, 2);

        ApplyResult result = gate.apply(List.of(later, other));

        assertThat(applier.given).as("the blocked row never reaches the applier").containsExactly(other);
        assertThat(result.held()).containsExactly(later);
        assertThat(result.applied()).containsExactly(other);
        assertThat(store.entries).last().isInstanceOf(HeldBehind.class);
    }

    @Test
    void aChangeOlderThanTheDeadLetterIsAppliedNotHeldBehindIt() throws Exception {
        ChangeEvent older = insert(1, 5);
        ChangeEvent refused = partialUpdate(1, 500);
        applier.refuse = Set.of(refused);
        applyAndPark(List.of(refused));

        ApplyResult result = gate.apply(List.of(older));

        assertThat(result.applied()).containsExactly(older);
        assertThat(result.held()).isEmpty();
    }

    @Test
    void aBatchWhoseHoldCannotBeStoredFailsRetriablyBeforeAnythingIsApplied() throws Exception {
        applier.refuse = Set.of(insert(1, 500));
        applyAndPark(List.copyOf(applier.refuse));
        applier.given.clear();
        store.failNext = true;

        assertThatThrownBy(() -> gate.apply(List.of(partialUpdate(1, 600), insert(2, 2))))
                .isInstanceOfSatisfying(ApplyException.class, e -> assertThat(e.retriable()).isTrue());
        assertThat(applier.given).isEmpty();
    }

    @Test
    void refusalsAreLeftToTheCallerToPark() throws Exception {
        applier.refuse = Set.of(insert(1, 500));

        ApplyResult result = gate.apply(List.copyOf(applier.refuse));

        assertThat(result.rejected()).hasSize(1);
        assertThat(store.entries).as("the caller first tells drift from dead letters").isEmpty();
        assertThat(index.blocking(key(1))).isNull();
    }

    /** Applies through the gate and parks the refusals in order, as the apply loop does. */
    private ApplyResult applyAndPark(List<ChangeEvent> changes) throws Exception {
        ApplyResult result = gate.apply(changes);
        for (ApplyResult.RejectedChange r : result.rejected()) {
            ledger.park(BINDING, "apply", r.change(), r.reason());
        }
        return result;
    }
}
