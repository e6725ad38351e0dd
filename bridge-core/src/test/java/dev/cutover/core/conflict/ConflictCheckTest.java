package dev.cutover.core.conflict;

import static dev.cutover.core.conflict.ConflictFixtures.BINDING;
import static dev.cutover.core.conflict.ConflictFixtures.CLOCK;
import static dev.cutover.core.conflict.ConflictFixtures.check;
import static dev.cutover.core.conflict.ConflictFixtures.create;
import static dev.cutover.core.conflict.ConflictFixtures.delete;
import static dev.cutover.core.conflict.ConflictFixtures.row;
import static dev.cutover.core.conflict.ConflictFixtures.spec;
import static dev.cutover.core.conflict.ConflictFixtures.update;
import static dev.cutover.core.conflict.ConflictFixtures.with;
import static dev.cutover.core.conflict.ConflictFixtures.writtenAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.conflict.Resolution.Decision;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One key's changes, arriving at the new system from the legacy one. */
class ConflictCheckTest {

    private static final SystemSide TARGET = SystemSide.NEW;
    private static final SystemSide SOURCE = SystemSide.LEGACY;

    /** The row both systems held. */
    private static final RowImage B = row("id", 1, "name", "Ada", "tier", 1);
    /** The new system changed the name meanwhile. */
    private static final RowImage N = with(B, "name", "Ada N.");

    /** The legacy system's changes, in order: name, then tier twice. */
    private static final ChangeEvent L1 = update(SOURCE, B, with(B, "name", "Ada L."), "0/1");
    private static final ChangeEvent L2 = update(SOURCE, with(B, "name", "Ada L."), with(B, "name", "Ada L.", "tier", 2), "0/2");
    private static final ChangeEvent L3 = update(SOURCE, with(B, "name", "Ada L.", "tier", 2), with(B, "name", "Ada L.", "tier", 3), "0/3");

    private static ConflictCheck manual() {
        return check(spec(ConflictPolicy.MANUAL, ConflictPolicy.LEGACY_WINS), TARGET);
    }

    private static ConflictCheck custom(ConflictResolver resolver) {
        return new ConflictCheck(BINDING, TARGET, ConflictPolicy.CUSTOM, resolver, CLOCK);
    }

    @Test
    void changesThatFitOneAfterAnotherAreAllWritten() {
        KeyOutcome outcome = manual().check(List.of(L1, L2, L3), B, null);

        assertThat(outcome.writes()).containsExactly(L1, L2, L3);
        assertThat(outcome.handled()).containsExactly(L1, L2, L3);
        assertThat(outcome.log()).isEmpty();
        assertThat(outcome.parked()).isNull();
    }

    @Test
    void aChangeThatFindsTheRowAlreadyAsItLeavesItIsDoneWithoutAWrite() {
        KeyOutcome outcome = manual().check(List.of(L1), L1.after(), null);

        assertThat(outcome.writes()).isEmpty();
        assertThat(outcome.handled()).containsExactly(L1);
        assertThat(outcome.log()).isEmpty();
    }

    @Test
    void eachChangeIsJudgedAgainstTheRowThePreviousOneLeft() {
        // the second change saw B, but the first already moved the row on
        ChangeEvent stale = update(SOURCE, B, with(B, "tier", 5), "0/2");
        ConflictCheck newWins = check(spec(ConflictPolicy.NEW_WINS, ConflictPolicy.LEGACY_WINS), TARGET);

        KeyOutcome outcome = newWins.check(List.of(L1, stale), B, null);

        assertThat(outcome.writes()).containsExactly(L1);
        assertThat(outcome.handled()).containsExactly(L1, stale);
        assertThat(outcome.conflicts()).singleElement().satisfies(r -> {
            assertThat(r.conflict().kind()).isEqualTo(ConflictKind.UPDATE_CHANGED);
            assertThat(r.conflict().current()).isEqualTo(L1.after());
            assertThat(r.conflict().change()).isEqualTo(stale);
            assertThat(r.resolution().decision()).isEqualTo(Decision.KEEP_CURRENT);
            assertThat(r.detectedAt()).isEqualTo(CLOCK.instant());
        });
    }

    @Test
    void aWinningChangeInTheMiddleIsJudgedAgainstTheRowItLeft() {
        ConflictCheck legacyWins = check(spec(ConflictPolicy.LEGACY_WINS, ConflictPolicy.LEGACY_WINS), TARGET);

        KeyOutcome outcome = legacyWins.check(List.of(L1, L2), N, null);

        assertThat(outcome.writes()).containsExactly(L1, L2);
        assertThat(outcome.conflicts()).extracting(r -> r.conflict().change()).containsExactly(L1);
        assertThat(writtenAll(N, outcome.writes())).isEqualTo(L2.after());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redeliveries")
    void aChangeAlreadyAppliedIsNoConflict(String description, ChangeEvent change, RowImage current) {
        KeyOutcome outcome = manual().check(List.of(change), current, null);

        assertThat(outcome.log()).as(description).isEmpty();
        assertThat(outcome.parked()).isNull();
        assertThat(outcome.handled()).containsExactly(change);
        assertThat(writtenAll(current, outcome.writes())).isEqualTo(change.after());
    }

    static Stream<Arguments> redeliveries() {
        RowImage inserted = row("id", 2, "name", "Bo", "tier", 1);
        return Stream.of(
                Arguments.of("update", L1, L1.after()),
                Arguments.of("insert", create(SOURCE, inserted, "0/9"), inserted),
                Arguments.of("delete", delete(SOURCE, B, "0/9"), null));
    }

    @Test
    void anUpdateThatChangesNothingWritesNothingAndNeverConflicts() {
        // the legacy application saved the row unchanged while the new one changed it: writing B back would undo N
        ChangeEvent touch = update(SOURCE, B, B, "0/5");
        ConflictCheck legacyWins = check(spec(ConflictPolicy.LEGACY_WINS, ConflictPolicy.LEGACY_WINS), TARGET);

        for (RowImage current : new RowImage[] {B, N, null}) {
            KeyOutcome outcome = legacyWins.check(List.of(touch), current, null);

            assertThat(outcome.writes()).as("current %s", current).isEmpty();
            assertThat(outcome.handled()).containsExactly(touch);
            assertThat(outcome.log()).isEmpty();
        }
    }

    @Test
    void manualParksTheConflictAndHoldsLaterChangesInOrder() {
        KeyOutcome outcome = manual().check(List.of(L1, L2, L3), N, null);

        String id = ConflictRecord.idFor(BINDING, TARGET, L1);
        assertThat(outcome.writes()).isEmpty();
        assertThat(outcome.handled()).isEmpty();
        assertThat(outcome.held()).containsExactly(L1, L2, L3);
        assertThat(outcome.log()).containsExactly(
                outcome.conflicts().get(0), new HeldChange(id, 1, L2), new HeldChange(id, 2, L3));
        ConflictRecord parked = outcome.conflicts().get(0);
        assertThat(parked.id()).isEqualTo(id);
        assertThat(parked.parked()).isTrue();
        assertThat(parked.policy()).isEqualTo(ConflictPolicy.MANUAL);
        assertThat(parked.conflict().current()).isEqualTo(N);
        assertThat(parked.key()).isEqualTo(row("id", 1));
        assertThat(outcome.parked().conflict()).isEqualTo(parked);
        assertThat(outcome.parked().held()).extracting(HeldChange::change).containsExactly(L2, L3);
    }

    @Test
    void changesBeforeTheConflictAreWrittenAndOnlyLaterOnesHeld() {
        // saw tier 9, but after L1 the row still has tier 1
        ChangeEvent conflicting = update(SOURCE, with(B, "name", "Ada L.", "tier", 9), with(B, "name", "Ada L.", "tier", 10), "0/2");

        KeyOutcome outcome = manual().check(List.of(L1, conflicting, L3), B, null);

        String id = ConflictRecord.idFor(BINDING, TARGET, conflicting);
        assertThat(outcome.writes()).containsExactly(L1);
        assertThat(outcome.handled()).containsExactly(L1);
        assertThat(outcome.held()).containsExactly(conflicting, L3);
        assertThat(outcome.log()).hasSize(2).element(1).isEqualTo(new HeldChange(id, 1, L3));
        assertThat(outcome.conflicts()).singleElement().satisfies(r -> assertThat(r.conflict().current()).isEqualTo(L1.after()));
    }

    @Test
    void aParkedKeyHoldsNewChangesButNotTheParkedOneOrOnesAlreadyHeld() {
        ParkedKey parked = manual().check(List.of(L1, L2), N, null).parked();
        ChangeEvent later = update(SOURCE, L3.after(), with(L3.after(), "tier", 4), "0/4");

        KeyOutcome outcome = manual().check(List.of(L1, L2, L3, later), N, parked);

        assertThat(outcome.held()).containsExactly(L3, later);
        assertThat(outcome.handled()).containsExactly(L1, L2);
        assertThat(outcome.writes()).isEmpty();
        String id = parked.conflict().id();
        assertThat(outcome.log()).containsExactly(new HeldChange(id, 2, L3), new HeldChange(id, 3, later));
        assertThat(outcome.parked().held()).extracting(HeldChange::sequence).containsExactly(1, 2, 3);
    }

    @Test
    void checkingLeavesTheGivenParkedKeyAloneSoARetryAfterRollbackLogsTheSameEntries() {
        ParkedKey parked = manual().check(List.of(L1), N, null).parked();

        KeyOutcome first = manual().check(List.of(L2), N, parked);
        KeyOutcome retry = manual().check(List.of(L2), N, parked);

        assertThat(parked.held()).isEmpty();
        assertThat(retry.log()).isEqualTo(first.log()).containsExactly(new HeldChange(parked.conflict().id(), 1, L2));
        assertThat(retry.held()).containsExactly(L2);
    }

    @Test
    void aRestoredParkedKeyHoldsWhatTheLogHeldAndNothingTwice() {
        KeyOutcome outcome = manual().check(List.of(L1, L2, L3), N, null);
        ParkedKey restored = new ParkedKey(outcome.conflicts().get(0));

        outcome.log().stream().filter(HeldChange.class::isInstance).map(HeldChange.class::cast).forEach(restored::restore);
        outcome.log().stream().filter(HeldChange.class::isInstance).map(HeldChange.class::cast).forEach(restored::restore);
        restored.restore(new HeldChange("another-conflict", 1, update(SOURCE, B, B, "0/77")));

        assertThat(restored.held()).containsExactlyElementsOf(outcome.parked().held());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("personDecisions")
    void resolvingCarriesOutTheDecisionThenReplaysTheHeldChanges(Decision decision, RowImage personRow, RowImage expectedRow,
            int expectedWrites, boolean parksAgain) {
        ParkedKey parked = manual().check(List.of(L1, L2, L3), N, null).parked();
        Resolution resolution = new Resolution(decision, personRow, "chosen by a person");

        KeyOutcome outcome = manual().resolve(parked, resolution, N);

        assertThat(outcome.log().get(0)).isEqualTo(new ConflictResolved(parked.conflict().id(), resolution, CLOCK.instant()));
        assertThat(outcome.writes()).hasSize(expectedWrites);
        assertThat(writtenAll(N, outcome.writes())).isEqualTo(expectedRow);
        if (parksAgain) {
            // L2 saw the legacy name, which the target no longer has: it parks in turn, and L3 waits behind it
            String id = ConflictRecord.idFor(BINDING, TARGET, L2);
            assertThat(outcome.parked().conflict().id()).isEqualTo(id);
            assertThat(outcome.held()).containsExactly(L2, L3);
            assertThat(outcome.log()).hasSize(3).element(2).isEqualTo(new HeldChange(id, 1, L3));
            assertThat(outcome.handled()).containsExactly(L1);
        } else {
            assertThat(outcome.parked()).isNull();
            assertThat(outcome.held()).isEmpty();
            assertThat(outcome.handled()).containsExactly(L1, L2, L3);
            assertThat(outcome.log()).hasSize(1);
        }
    }

    static Stream<Arguments> personDecisions() {
        RowImage supplied = row("id", 1, "name", "Ada L.", "tier", 7);
        return Stream.of(
                Arguments.of(Decision.APPLY_INCOMING, null, L3.after(), 3, false),
                Arguments.of(Decision.KEEP_CURRENT, null, N, 0, true),
                Arguments.of(Decision.WRITE_ROW, row("id", 1, "name", "Ada P."), with(N, "name", "Ada P."), 1, true),
                // a supplied row that agrees with what L2 saw lets the held changes through
                Arguments.of(Decision.WRITE_ROW, with(supplied, "tier", 1), L3.after(), 3, false));
    }

    @Test
    void resolvingCannotParkAgainOrWriteAnotherKey() {
        ParkedKey parked = manual().check(List.of(L1), N, null).parked();

        assertThatThrownBy(() -> manual().resolve(parked, Resolution.park("later"), N))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(parked.conflict().id());
        assertThatThrownBy(() -> manual().resolve(parked, Resolution.writeRow(row("id", 2, "name", "x"), "typo"), N))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(parked.conflict().id())
                .hasMessageContaining("key");
    }

    @Test
    void aResolverThatThrowsParksTheConflictWithTheErrorAsReason() {
        KeyOutcome outcome = custom(c -> {
            throw new IllegalStateException("lookup table not loaded");
        }).check(List.of(L1, L2), N, null);

        assertThat(outcome.conflicts()).singleElement().satisfies(r -> {
            assertThat(r.parked()).isTrue();
            assertThat(r.resolution().reason()).contains("lookup table not loaded");
            assertThat(r.policy()).isEqualTo(ConflictPolicy.CUSTOM);
        });
        assertThat(outcome.held()).containsExactly(L1, L2);
        assertThat(outcome.writes()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRows")
    void aResolverChoosingARowWithoutTheKeyParks(String description, RowImage chosen, RowImage current, ChangeEvent change) {
        KeyOutcome outcome = custom(c -> Resolution.writeRow(chosen, "custom")).check(List.of(change), current, null);

        assertThat(outcome.conflicts()).as(description).singleElement().satisfies(r -> {
            assertThat(r.parked()).isTrue();
            assertThat(r.resolution().reason()).contains("key");
        });
        assertThat(outcome.writes()).isEmpty();
    }

    static Stream<Arguments> badRows() {
        return Stream.of(
                Arguments.of("another key", row("id", 2, "name", "x"), N, L1),
                Arguments.of("no key, row missing", row("name", "x"), null, L1),
                Arguments.of("no key, row present", row("name", "x"), N, L1));
    }

    @Test
    void aResolverReturningNothingParks() {
        KeyOutcome outcome = custom(c -> null).check(List.of(L1), N, null);

        assertThat(outcome.parked()).isNotNull();
        assertThat(outcome.conflicts()).singleElement().satisfies(r -> assertThat(r.resolution().reason()).contains("no decision"));
    }

    @Test
    void aWrittenRowBecomesAnUpdateFromTheCurrentRow() {
        RowImage chosen = row("id", 1, "name", "merged");

        KeyOutcome outcome = custom(c -> Resolution.writeRow(chosen, "custom")).check(List.of(L1), N, null);

        assertThat(outcome.writes()).singleElement().satisfies(w -> {
            assertThat(w.operation()).isEqualTo(Operation.UPDATE);
            assertThat(w.before()).isEqualTo(N);
            assertThat(w.after()).isEqualTo(with(N, "name", "merged"));
            assertThat(w.position()).isEqualTo(L1.position());
        });
        assertThat(outcome.handled()).containsExactly(L1);
    }

    @Test
    void conflictIdsAreStablePerChangeAndDifferBetweenChanges() {
        String id = ConflictRecord.idFor(BINDING, TARGET, L1);

        assertThat(ConflictRecord.idFor(BINDING, TARGET, update(SOURCE, B, with(B, "name", "Ada L."), "0/1"))).isEqualTo(id);
        assertThat(id).matches("[0-9a-f]{16}");
        assertThat(List.of(
                ConflictRecord.idFor(BINDING, TARGET, L2),
                ConflictRecord.idFor(BINDING, SystemSide.LEGACY, L1),
                ConflictRecord.idFor("orders", TARGET, L1),
                ConflictRecord.idFor(BINDING, TARGET, delete(SOURCE, B, "0/1")),
                ConflictRecord.idFor(BINDING, TARGET, update(SOURCE, with(B, "id", 2), with(B, "id", 2, "name", "x"), "0/1"))))
                .doesNotContain(id)
                .doesNotHaveDuplicates();
    }
}
