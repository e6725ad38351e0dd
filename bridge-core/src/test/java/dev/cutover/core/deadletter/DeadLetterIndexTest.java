package dev.cutover.core.deadletter;

import static dev.cutover.core.deadletter.DeadLetterFixtures.BINDING;
import static dev.cutover.core.deadletter.DeadLetterFixtures.CLOCK;
import static dev.cutover.core.deadletter.DeadLetterFixtures.insert;
import static dev.cutover.core.deadletter.DeadLetterFixtures.key;
import static dev.cutover.core.deadletter.DeadLetterFixtures.partialUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.deadletter.DeadLetterEntry.Closed;
import dev.cutover.core.deadletter.DeadLetterEntry.DeadLetter;
import dev.cutover.core.deadletter.DeadLetterEntry.HeldBehind;
import dev.cutover.core.deadletter.DeadLetterEntry.Outcome;
import dev.cutover.core.deadletter.DeadLetterEntry.Released;
import dev.cutover.core.event.ChangeEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterIndexTest {

    private final DeadLetterIndex index = new DeadLetterIndex();

    private static DeadLetter deadLetter(String id, ChangeEvent change, long key) {
        return new DeadLetter(id, BINDING, "apply", change, "check qty_small", CLOCK.instant(), key(key), null, 0);
    }

    private static HeldBehind held(String id, int sequence, ChangeEvent change) {
        return new HeldBehind(id, sequence, DeadLetterEntry.STAGE_APPLY, change, CLOCK.instant());
    }

    @Test
    void aDeadLetterBlocksItsRowAndNoOther() {
        index.add(deadLetter("dl-1", insert(1, 500), 1));

        assertThat(index.blocking(key(1))).isEqualTo("dl-1");
        assertThat(index.blocking(key(2))).isNull();
        assertThat(index.status("dl-1")).isEqualTo(DeadLetterIndex.Status.OPEN);
        assertThat(index.openByBinding()).isEqualTo(Map.of(BINDING, 1));
    }

    @Test
    void heldChangesComeBackInTheOrderTheyHadAtTheirSourceWhateverOrderTheyWereHeldIn() {
        index.add(deadLetter("dl-1", insert(1, 500), 1));
        ChangeEvent older = partialUpdate(1, 6);
        ChangeEvent newer = partialUpdate(1, 7);
        // newer was refused on the capture side and held at once; older was still on its way to the applier
        index.add(held("dl-1", 1, newer));
        index.add(held("dl-1", 2, older));

        assertThat(index.held("dl-1")).extracting(HeldBehind::change).containsExactly(older, newer);
        assertThat(index.lastSequence("dl-1")).isEqualTo(2);
    }

    @Test
    void aChangeOlderThanTheDeadLetterPrecedesItAndALaterOneDoesNot() {
        ChangeEvent older = insert(1, 5);
        ChangeEvent refused = partialUpdate(1, 500);
        ChangeEvent later = partialUpdate(1, 7);
        index.add(deadLetter("dl-1", refused, 1));

        assertThat(index.precedes(older, "dl-1")).isTrue();
        assertThat(index.precedes(later, "dl-1")).isFalse();
        assertThat(index.precedes(refused, "dl-1")).isFalse();
    }

    @Test
    void theRowStaysBlockedAfterTheReplayUntilTheLastHeldChangeIsReleased() {
        index.add(deadLetter("dl-1", insert(1, 500), 1));
        index.add(held("dl-1", 1, partialUpdate(1, 6)));
        index.add(held("dl-1", 2, partialUpdate(1, 7)));

        index.add(new Closed("dl-1", Outcome.REPLAYED, CLOCK.instant()));
        assertThat(index.blocking(key(1))).isEqualTo("dl-1");
        assertThat(index.active("dl-1")).isTrue();
        assertThat(index.openByBinding()).isEmpty();

        index.add(new Released("dl-1", 1, CLOCK.instant()));
        assertThat(index.blocking(key(1))).isEqualTo("dl-1");
        index.add(new Released("dl-1", 2, CLOCK.instant()));
        assertThat(index.blocking(key(1))).isNull();
        assertThat(index.active("dl-1")).isFalse();
        assertThat(index.status("dl-1")).isEqualTo(DeadLetterIndex.Status.REPLAYED);
    }

    @Test
    void aHeldChangeRefusedAgainBecomesTheDeadLetterAndTakesTheRestOfTheQueue() {
        ChangeEvent refusedAgain = partialUpdate(1, 600);
        ChangeEvent after = partialUpdate(1, 7);
        index.add(deadLetter("dl-1", insert(1, 500), 1));
        index.add(held("dl-1", 1, partialUpdate(1, 6)));
        index.add(held("dl-1", 2, refusedAgain));
        index.add(held("dl-1", 3, after));
        index.add(new Closed("dl-1", Outcome.REPLAYED, CLOCK.instant()));
        index.add(new Released("dl-1", 1, CLOCK.instant()));

        index.add(new DeadLetter("dl-2", BINDING, "apply", refusedAgain, "check again", CLOCK.instant(), key(1), "dl-1", 2));

        assertThat(index.blocking(key(1))).isEqualTo("dl-2");
        assertThat(index.active("dl-1")).isFalse();
        assertThat(index.held("dl-2")).extracting(HeldBehind::change).containsExactly(after);
        assertThat(index.lastSequence("dl-2")).isEqualTo(3);
        assertThat(index.active()).extracting(DeadLetter::id).containsExactly("dl-2");
    }

    @Test
    void foldingAnEntryTwiceChangesNothing() {
        DeadLetter d = deadLetter("dl-1", insert(1, 500), 1);
        HeldBehind h = held("dl-1", 1, partialUpdate(1, 6));
        for (DeadLetterEntry e : List.of(d, h, d, h)) {
            index.add(e);
        }

        assertThat(index.all()).hasSize(1);
        assertThat(index.held("dl-1")).hasSize(1);
    }

    @Test
    void aDiscardedDeadLetterWithoutHeldChangesFreesItsRowAtOnce() {
        index.add(deadLetter("dl-1", insert(1, 500), 1));
        index.add(new Closed("dl-1", Outcome.DISCARDED, CLOCK.instant()));

        assertThat(index.blocking(key(1))).isNull();
        assertThat(index.status("dl-1")).isEqualTo(DeadLetterIndex.Status.DISCARDED);
        assertThat(index.active()).isEmpty();
        assertThat(index.all()).hasSize(1);
    }

    @Test
    void knowsTheChangesAlreadyQueuedBehindADeadLetterByValue() {
        ChangeEvent change = insert(1, 500);
        ChangeEvent heldChange = partialUpdate(1, 6);
        index.add(deadLetter("dl-1", change, 1));
        index.add(held("dl-1", 1, heldChange));

        assertThat(index.queued("dl-1", change)).isTrue();
        assertThat(index.queued("dl-1", heldChange)).isTrue();
        assertThat(index.queued("dl-1", partialUpdate(1, 6))).as("same values, later position").isFalse();
    }
}
