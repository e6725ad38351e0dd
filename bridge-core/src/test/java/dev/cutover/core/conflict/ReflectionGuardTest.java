package dev.cutover.core.conflict;

import static dev.cutover.core.conflict.ConflictFixtures.KEY;
import static dev.cutover.core.conflict.ConflictFixtures.TABLE;
import static dev.cutover.core.conflict.ConflictFixtures.COMMIT;
import static dev.cutover.core.conflict.ConflictFixtures.lsn;
import static dev.cutover.core.conflict.ConflictFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The follower skips the arbiter's reflection of its own change only when a later change of the
 * key, starting from the row the reflection leaves, is still to be decided; everything else is
 * applied.
 */
class ReflectionGuardTest {

    private static final String B = "accounts";
    private final ReflectionGuard guard = new ReflectionGuard(1_000);

    private static final RowImage V0 = row("id", 1, "name", "v0");
    private static final RowImage V1 = row("id", 1, "name", "v1");
    private static final RowImage V2 = row("id", 1, "name", "v2");
    private static final RowImage L = row("id", 1, "name", "legacy");

    /** A change made on the follower's (new) side at {@code position}. */
    private static ChangeEvent followerChange(Operation op, RowImage before, RowImage after, String position) {
        return new ChangeEvent(SystemSide.NEW, TABLE, op, KEY, before, after, COMMIT, lsn(position), "new-" + position);
    }

    /** The same change as the arbiter receives it: same position, its own terms (here the same names). */
    private static ChangeEvent asArbiterReceivesIt(ChangeEvent followerChange) {
        return followerChange;
    }

    private static boolean skips(ReflectionGuard g, ChangeEvent change) {
        return skips(g, B, change);
    }

    private static boolean skips(ReflectionGuard g, String binding, ChangeEvent change) {
        return g.supersededIf(binding, change) != null;
    }

    /** A change of the arbiter's (legacy) system, mapped to the follower's terms, from transaction {@code tx}. */
    private static ChangeEvent arbiterChange(Operation op, RowImage before, RowImage after, String tx) {
        return new ChangeEvent(SystemSide.LEGACY, TABLE, op, KEY, before, after, COMMIT, lsn("L" + tx), tx);
    }

    @Test
    void theReflectionOfAChangeSupersededByALaterOneStartingFromItIsSkipped() {
        ChangeEvent e = followerChange(Operation.UPDATE, V0, V1, "1");
        ChangeEvent w = followerChange(Operation.UPDATE, V1, V2, "2");
        guard.captured(B, e);
        guard.captured(B, w);
        guard.arbitrated(B, List.of(asArbiterReceivesIt(e)), "100");

        assertThat(skips(guard, arbiterChange(Operation.UPDATE, V0, V1, "100"))).isTrue();
        assertThat(guard.size()).as("e is decided and forgotten; w waits").isEqualTo(1);

        guard.arbitrated(B, List.of(asArbiterReceivesIt(w)), "101");
        assertThat(skips(guard, arbiterChange(Operation.UPDATE, V1, V2, "101")))
                .as("the last reflection is applied: nothing comes after it").isFalse();
        assertThat(guard.size()).isZero();
    }

    @Test
    void theSkipExpectsTheFollowersRowAsItsOwnSystemLastLeftIt() {
        guard.captured(B, followerChange(Operation.UPDATE, V0, V1, "1"));
        guard.captured(B, followerChange(Operation.UPDATE, V1, V2, "2"));
        guard.captured(B, followerChange(Operation.DELETE, V2, null, "3"));
        guard.arbitrated(B, List.of(followerChange(Operation.UPDATE, V0, V1, "1")), "100");

        ReflectionGuard.Expectation expected = guard.supersededIf(B, arbiterChange(Operation.UPDATE, V0, V1, "100"));

        assertThat(expected).isNotNull();
        assertThat(expected.holds(null)).as("the latest change deleted the row").isTrue();
        assertThat(expected.holds(L)).as("a row the follower wrote since stands there: the reflection must land").isFalse();
        ReflectionGuard.Expectation row = new ReflectionGuard.Expectation(V2);
        assertThat(row.holds(V2)).isTrue();
        assertThat(row.holds(row("id", 1, "name", "v2", "extra", 7))).as("columns the image lacks do not matter").isTrue();
        assertThat(row.holds(V1)).isFalse();
        assertThat(row.holds(null)).isFalse();
    }

    @Test
    void theReflectionIsAppliedWhenTheLaterChangeStartsFromAnotherRow() {
        // Between E and W the follower wrote a change of the arbiter's system, so W starts from L:
        // judging W the arbiter may keep its own row and write nothing, so the reflection must land.
        guard.captured(B, followerChange(Operation.UPDATE, V0, V1, "1"));
        guard.captured(B, followerChange(Operation.UPDATE, L, V2, "2"));
        guard.arbitrated(B, List.of(followerChange(Operation.UPDATE, V0, V1, "1")), "100");

        assertThat(skips(guard, arbiterChange(Operation.UPDATE, L, V1, "100"))).isFalse();
    }

    @Test
    void aChangeOfAnotherTransactionIsAppliedEvenWithTheSameValues() {
        guard.captured(B, followerChange(Operation.UPDATE, V0, V1, "1"));
        guard.captured(B, followerChange(Operation.UPDATE, V1, V2, "2"));
        guard.arbitrated(B, List.of(followerChange(Operation.UPDATE, V0, V1, "1")), "100");

        assertThat(skips(guard, arbiterChange(Operation.UPDATE, V0, V1, "99"))).as("a write of the arbiter's own system")
                .isFalse();
        assertThat(skips(guard, arbiterChange(Operation.UPDATE, V0, V1, null))).as("no transaction named").isFalse();
        assertThat(guard.size()).as("nothing forgotten by changes that are not reflections").isEqualTo(2);
    }

    @Test
    void aReflectionArrivingBeforeTheArbiterReportedItsTransactionIsApplied() {
        guard.captured(B, followerChange(Operation.UPDATE, V0, V1, "1"));
        guard.captured(B, followerChange(Operation.UPDATE, V1, V2, "2"));

        assertThat(skips(guard, arbiterChange(Operation.UPDATE, V0, V1, "100"))).isFalse();
    }

    @Test
    void changesTheArbiterDecidedWithoutWritingAreForgotten() {
        guard.captured(B, followerChange(Operation.UPDATE, V0, V1, "1"));
        guard.captured(B, followerChange(Operation.UPDATE, V1, V2, "2"));
        guard.arbitrated(B, List.of(followerChange(Operation.UPDATE, V0, V1, "1")), null);

        assertThat(guard.size()).isEqualTo(1);
        assertThat(skips(guard, arbiterChange(Operation.UPDATE, V0, V1, "100"))).isFalse();
    }

    @Test
    void aDeleteReflectedIsSkippedWhenTheKeyWasInsertedAgainAfterwards() {
        guard.captured(B, followerChange(Operation.DELETE, V1, null, "1"));
        guard.captured(B, followerChange(Operation.CREATE, null, V2, "2"));
        guard.arbitrated(B, List.of(followerChange(Operation.DELETE, V1, null, "1")), "100");

        assertThat(skips(guard, arbiterChange(Operation.DELETE, V1, null, "100"))).isTrue();
    }

    @Test
    void anInsertReflectedIsSkippedOnlyForALaterUpdateStartingFromIt() {
        guard.captured(B, followerChange(Operation.CREATE, null, V1, "1"));
        guard.captured(B, followerChange(Operation.DELETE, V1, null, "2"));
        guard.arbitrated(B, List.of(followerChange(Operation.CREATE, null, V1, "1")), "100");

        assertThat(skips(guard, arbiterChange(Operation.CREATE, null, V1, "100"))).isTrue();
    }

    @Test
    void theNewestChangeOfTheTransactionIsTheOneReflectedAndValuesCompareCanonically() {
        RowImage a = row("id", 1, "amount", new BigDecimal("1.50"));
        RowImage b = row("id", 1, "amount", new BigDecimal("2.50"));
        RowImage c = row("id", 1, "amount", new BigDecimal("3.50"));
        guard.captured(B, followerChange(Operation.UPDATE, V0, a, "1"));
        guard.captured(B, followerChange(Operation.UPDATE, a, b, "2"));
        guard.captured(B, followerChange(Operation.UPDATE, b, c, "3"));
        // One arbiter batch took the first two: one transaction, whose net write is b.
        guard.arbitrated(B, List.of(followerChange(Operation.UPDATE, V0, a, "1"), followerChange(Operation.UPDATE, a, b, "2")), "100");

        assertThat(skips(guard, arbiterChange(Operation.UPDATE, V0, row("id", 1, "amount", new BigDecimal("2.5")), "100")))
                .isTrue();
        assertThat(guard.size()).isEqualTo(1);
    }

    @Test
    void keysAndBindingsAreKeptApart() {
        guard.captured(B, followerChange(Operation.UPDATE, V0, V1, "1"));
        guard.captured(B, followerChange(Operation.UPDATE, V1, V2, "2"));
        guard.arbitrated(B, List.of(followerChange(Operation.UPDATE, V0, V1, "1")), "100");

        assertThat(skips(guard, "other", arbiterChange(Operation.UPDATE, V0, V1, "100"))).isFalse();
        RowImage otherKey = row("id", 2, "name", "v1");
        assertThat(skips(guard, new ChangeEvent(SystemSide.LEGACY, TABLE, Operation.UPDATE, KEY, null, otherKey, COMMIT,
                lsn("L"), "100"))).isFalse();
        assertThat(skips(guard, arbiterChange(Operation.UPDATE, V0, V1, "100"))).isTrue();
    }

    @Test
    void snapshotReadsAreNotTrackedAndTheSizeBoundForgetsEverything() {
        ReflectionGuard small = new ReflectionGuard(2);
        small.captured(B, new ChangeEvent(SystemSide.NEW, TABLE, Operation.READ, KEY, null, V1, COMMIT, lsn("0"), null));
        assertThat(small.size()).isZero();
        small.captured(B, followerChange(Operation.UPDATE, V0, V1, "1"));
        small.captured(B, followerChange(Operation.UPDATE, V1, V2, "2"));
        small.captured(B, followerChange(Operation.UPDATE, V2, V1, "3"));
        assertThat(small.size()).as("the bound was reached: the first two were forgotten").isEqualTo(1);
        small.arbitrated(B, List.of(followerChange(Operation.UPDATE, V0, V1, "1")), "100");
        assertThat(skips(small, arbiterChange(Operation.UPDATE, V0, V1, "100"))).isFalse();
        assertThatThrownBy(() -> new ReflectionGuard(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
