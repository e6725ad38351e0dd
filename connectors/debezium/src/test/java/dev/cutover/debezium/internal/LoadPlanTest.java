package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.TableId;
import dev.cutover.debezium.SnapshotMode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadPlanTest {

    private static final TableId ORDERS = new TableId("public", "orders");
    private static final TableId LINES = new TableId("public", "lines");
    private static final TableId DROPPED = new TableId("public", "dropped");

    @Test
    void firstStartLoadsEveryTableInCaptureOrder() {
        LoadPlan plan = LoadPlan.of(SnapshotMode.INITIAL, List.of(ORDERS, LINES), Set.of(), false, false, Set.of());

        assertThat(plan.pending()).containsExactly(ORDERS, LINES);
        assertThat(plan.requested()).isEmpty();
        assertThat(plan.ledgerChanged()).isFalse();
    }

    @Test
    void restartLoadsOnlyTheTableAddedSinceAndForgetsRemovedOnes() {
        LoadPlan plan = LoadPlan.of(SnapshotMode.INITIAL, List.of(ORDERS, LINES), Set.of(ORDERS, DROPPED), true, true, Set.of());

        assertThat(plan.pending()).containsExactly(LINES);
        assertThat(plan.requested()).containsExactly(ORDERS);
        assertThat(plan.ledgerChanged()).as("the removed table leaves the ledger, so adding it again loads it again").isTrue();
    }

    @Test
    void restartWithEveryTableRequestedLoadsNothing() {
        LoadPlan plan = LoadPlan.of(SnapshotMode.INITIAL, List.of(ORDERS), Set.of(ORDERS), true, true, Set.of());

        assertThat(plan.pending()).isEmpty();
        assertThat(plan.ledgerChanged()).isFalse();
    }

    @Test
    void ledgerDoesNotCountWithoutTheSlotOrWithoutAStoredPosition() {
        assertThat(LoadPlan.of(SnapshotMode.INITIAL, List.of(ORDERS), Set.of(ORDERS), false, true, Set.of()).pending())
                .as("a new slot streams from now").containsExactly(ORDERS);
        assertThat(LoadPlan.of(SnapshotMode.INITIAL, List.of(ORDERS), Set.of(ORDERS), true, false, Set.of()).pending())
                .as("no stored position holds the load's progress").containsExactly(ORDERS);
    }

    @Test
    void noDataLoadsNothingAndLeavesTheLedgerAlone() {
        LoadPlan plan = LoadPlan.of(SnapshotMode.NO_DATA, List.of(ORDERS, LINES), Set.of(DROPPED), false, false, Set.of());

        assertThat(plan.pending()).isEmpty();
        assertThat(plan.ledgerChanged()).isFalse();
    }

    @Test
    void aTableTheOtherSideAlreadyHoldsIsNotLoadedEvenByANewCaptureAndIsRecorded() {
        LoadPlan plan = LoadPlan.of(SnapshotMode.INITIAL, List.of(ORDERS, LINES), Set.of(), false, false, Set.of(LINES));

        assertThat(plan.pending()).containsExactly(ORDERS);
        assertThat(plan.requested()).as("recorded as if loaded").containsExactly(LINES);
    }
}
