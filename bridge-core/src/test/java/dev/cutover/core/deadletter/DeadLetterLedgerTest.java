package dev.cutover.core.deadletter;

import static dev.cutover.core.deadletter.DeadLetterFixtures.BINDING;
import static dev.cutover.core.deadletter.DeadLetterFixtures.insert;
import static dev.cutover.core.deadletter.DeadLetterFixtures.key;
import static dev.cutover.core.deadletter.DeadLetterFixtures.partialUpdate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.deadletter.DeadLetterEntry.DeadLetter;
import dev.cutover.core.deadletter.DeadLetterEntry.HeldBehind;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.pipeline.spi.PipelineListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterLedgerTest {

    private final DeadLetterFixtures.MemoryStore store = new DeadLetterFixtures.MemoryStore();
    private final DeadLetterIndex index = new DeadLetterIndex();
    private final DeadLetterLedger ledger = DeadLetterFixtures.ledger(store, index);

    @Test
    void theFirstRefusedChangeOfARowIsDeadLetteredAndItsLaterOnesAreHeldBehindIt() throws Exception {
        ChangeEvent refused = insert(1, 500);
        ChangeEvent later = partialUpdate(1, 600);

        assertThat(ledger.parkChange(BINDING, "apply", refused, "check")).isEqualTo(DeadLetterLedger.Parked.DEAD_LETTERED);
        assertThat(ledger.parkChange(BINDING, "apply", later, "not written")).isEqualTo(DeadLetterLedger.Parked.HELD);
        assertThat(ledger.holdIfBlocked(key(2), insert(2, 2))).as("another row flows").isNull();

        assertThat(store.entries).hasSize(2);
        assertThat(store.entries.get(0)).isInstanceOfSatisfying(DeadLetter.class, d -> {
            assertThat(d.id()).isEqualTo("dl-1");
            assertThat(d.blocks()).isEqualTo(key(1));
        });
        assertThat(store.entries.get(1)).isEqualTo(new HeldBehind("dl-1", 1, "apply", later, DeadLetterFixtures.CLOCK.instant()));
    }

    @Test
    void aChangeDeliveredAgainAfterACrashIsNotQueuedTwice() throws Exception {
        ChangeEvent refused = insert(1, 500);
        ChangeEvent later = partialUpdate(1, 600);
        ledger.parkChange(BINDING, "apply", refused, "check");
        ledger.holdIfBlocked(key(1), later);

        assertThat(ledger.parkChange(BINDING, "apply", refused, "check")).isEqualTo(DeadLetterLedger.Parked.ALREADY_QUEUED);
        assertThat(ledger.holdIfBlocked(key(1), later)).isEqualTo(DeadLetterLedger.Parked.ALREADY_QUEUED);
        assertThat(store.entries).hasSize(2);
    }

    @Test
    void nothingChangesInMemoryWhenTheStoreFails() throws Exception {
        store.failNext = true;

        assertThatThrownBy(() -> ledger.parkChange(BINDING, "apply", insert(1, 500), "check")).hasMessage("broker away");
        String blocking = ledger.read(i -> i.blocking(key(1)));
        List<DeadLetter> all = ledger.read(DeadLetterIndex::all);
        assertThat(blocking).isNull();
        assertThat(all).isEmpty();
    }

    @Test
    void aChangeHeldOnTheCaptureSideCountsAsHeldNotAsDeadLettered() throws Exception {
        List<String> told = new ArrayList<>();
        PipelineListener listener = new PipelineListener() {
            @Override
            public void onDeadLettered(String binding, String stage) {
                told.add("dead_lettered " + stage);
            }

            @Override
            public void onHeld(String binding, ChangeEvent mapped) {
                told.add("held");
            }
        };

        ledger.parkAndReport(BINDING, "map", insert(1, 500), "no value for 500", listener);
        ledger.parkAndReport(BINDING, "map", partialUpdate(1, 600), "no value for 600", listener);

        assertThat(told).containsExactly("dead_lettered map", "held");
    }

    @Test
    void aChangeWhoseRowCannotBeToldBlocksNothing() throws Exception {
        DeadLetterLedger unknownKeys = new DeadLetterLedger(store, index, (binding, stage, change) -> null, DeadLetterFixtures.CLOCK,
                () -> "dl-x");

        unknownKeys.parkChange(BINDING, "map", insert(1, 500), "no mapping for qty");

        assertThat(index.blocking(key(1))).isNull();
        assertThat(index.active()).extracting(DeadLetter::id).containsExactly("dl-x");
    }
}
