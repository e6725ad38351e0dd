package dev.cutover.core.conflict;

import static dev.cutover.core.conflict.ConflictFixtures.BINDING;
import static dev.cutover.core.conflict.ConflictFixtures.create;
import static dev.cutover.core.conflict.ConflictFixtures.delete;
import static dev.cutover.core.conflict.ConflictFixtures.newestWins;
import static dev.cutover.core.conflict.ConflictFixtures.row;
import static dev.cutover.core.conflict.ConflictFixtures.spec;
import static dev.cutover.core.conflict.ConflictFixtures.update;
import static dev.cutover.core.conflict.ConflictFixtures.with;
import static dev.cutover.core.conflict.ConflictPolicy.LEGACY_WINS;
import static dev.cutover.core.conflict.ConflictPolicy.MANUAL;
import static dev.cutover.core.conflict.ConflictPolicy.MERGE;
import static dev.cutover.core.conflict.ConflictPolicy.NEW_WINS;
import static dev.cutover.core.event.SystemSide.LEGACY;
import static dev.cutover.core.event.SystemSide.NEW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.conflict.Resolution.Decision;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in policy against a table of conflicts. Each case names the target; the incoming
 * change comes from the other side. Expected decisions follow from the policies' definitions:
 * the winning side's version ends up at the target (APPLY_INCOMING when it is the source's,
 * KEEP_CURRENT when it is the target's), merge keeps one-sided column changes from their side.
 */
class BuiltInResolversTest {

    private static final RowImage B = row("id", 1, "name", "Ada", "email", "ada@old", "tier", 1);

    /** One conflict and what the resolver must decide. {@code row} only for WRITE_ROW. */
    record Case(String name, ConflictSpec spec, SystemSide target, ChangeEvent change, RowImage current,
            Decision decision, RowImage row) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsThePolicyStates(Case c) {
        ConflictKind kind = ConflictDetector.detect(c.change(), c.current());
        assertThat(kind).as("the case must be a conflict").isNotNull();
        ConflictResolver resolver = ConflictResolvers.create(c.spec(), c.target(), c.spec().column());

        Resolution resolution = resolver.resolve(new Conflict(BINDING, c.target(), kind, c.change(), c.current()));

        assertThat(resolution.decision()).as("decision; reason: %s", resolution.reason()).isEqualTo(c.decision());
        assertThat(resolution.row()).isEqualTo(c.row());
        assertThat(resolution.reason()).as("the reason names the policy").contains(c.spec().policy().label());
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        sideWins(cases);
        merge(cases);
        newestWinsCases(cases, "instant", Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-01T10:00:01Z"));
        newestWinsCases(cases, "local date-time", LocalDateTime.parse("2024-05-01T10:00:00"), LocalDateTime.parse("2024-05-01T10:00:00.000001"));
        newestWinsCases(cases, "long version", 41L, 42L);
        manual(cases);
        return cases.stream();
    }

    /** Concurrent pairs of changes made to {@link #B}: the legacy version L and the new version N. */
    private static final RowImage L_NAME = with(B, "name", "Ada L.");
    private static final RowImage N_EMAIL = with(B, "email", "ada@new");
    private static final RowImage N_NAME = with(B, "name", "Ada N.");

    private static void sideWins(List<Case> cases) {
        for (ConflictPolicy policy : List.of(LEGACY_WINS, NEW_WINS)) {
            SystemSide winner = policy == LEGACY_WINS ? LEGACY : NEW;
            ConflictSpec spec = spec(policy, LEGACY_WINS);
            for (SystemSide target : SystemSide.values()) {
                Decision winnerDecision = winner == target ? Decision.KEEP_CURRENT : Decision.APPLY_INCOMING;
                String at = policy.label() + " at " + target.label() + ": ";
                RowImage incoming = target == NEW ? L_NAME : N_EMAIL;
                RowImage current = target == NEW ? N_EMAIL : L_NAME;
                cases.add(new Case(at + "updates of different columns", spec, target,
                        update(target.opposite(), B, incoming, "0/1"), current, winnerDecision, null));
                cases.add(new Case(at + "delete meets update", spec, target,
                        delete(target.opposite(), B, "0/1"), current, winnerDecision, null));
                cases.add(new Case(at + "update meets missing row", spec, target,
                        update(target.opposite(), B, incoming, "0/1"), null, winnerDecision, null));
                cases.add(new Case(at + "insert meets insert", spec, target,
                        create(target.opposite(), incoming, "0/1"), current, winnerDecision, null));
            }
        }
    }

    private static void merge(List<Case> cases) {
        for (ConflictPolicy fallback : List.of(LEGACY_WINS, NEW_WINS)) {
            ConflictSpec spec = spec(MERGE, fallback);
            String m = "merge (fallback " + fallback.label() + ") at new: ";
            boolean legacyFallback = fallback == LEGACY_WINS;
            Decision fallbackAtNew = legacyFallback ? Decision.APPLY_INCOMING : Decision.KEEP_CURRENT;
            // different columns: both kept, whatever the fallback
            RowImage both = with(B, "name", "Ada L.", "email", "ada@new");
            cases.add(new Case(m + "different columns keep both", spec, NEW, update(LEGACY, B, L_NAME, "0/1"), N_EMAIL,
                    Decision.WRITE_ROW, both));
            cases.add(new Case(m.replace("at new", "at legacy") + "different columns keep both", spec, LEGACY,
                    update(NEW, B, N_EMAIL, "0/1"), L_NAME, Decision.WRITE_ROW, both));
            // the same column alone: the fallback side's version is the whole answer
            cases.add(new Case(m + "same column goes to the fallback", spec, NEW, update(LEGACY, B, L_NAME, "0/1"), N_NAME,
                    fallbackAtNew, null));
            // the same column plus one-sided ones: fallback for the shared column, each side for its own
            RowImage legacyChange = with(B, "name", "Ada L.", "tier", 2);
            RowImage newChange = with(B, "name", "Ada N.", "email", "ada@new");
            cases.add(new Case(m + "same column and different columns", spec, NEW, update(LEGACY, B, legacyChange, "0/1"),
                    newChange, Decision.WRITE_ROW,
                    with(B, "name", legacyFallback ? "Ada L." : "Ada N.", "email", "ada@new", "tier", 2)));
            // the same value on both sides is no disagreement
            RowImage sameNameL = with(B, "name", "Ada X.", "tier", 2);
            RowImage sameNameN = with(B, "name", "Ada X.", "email", "ada@new");
            cases.add(new Case(m + "same value on both sides", spec, NEW, update(LEGACY, B, sameNameL, "0/1"), sameNameN,
                    Decision.WRITE_ROW, with(B, "name", "Ada X.", "email", "ada@new", "tier", 2)));
            // only the target changed something the source also wrote back unchanged: keep the target's row
            RowImage touchedL = with(B, "email", "ada@new", "tier", 1);
            cases.add(new Case(m + "source changed only what the target also changed, alike", spec, NEW,
                    update(LEGACY, B, touchedL, "0/1"), with(B, "email", "ada@new", "name", "Ada N."), Decision.KEEP_CURRENT, null));
            // whole-row conflicts have nothing to merge: the fallback decides
            cases.add(new Case(m + "delete meets update", spec, NEW, delete(LEGACY, B, "0/1"), N_EMAIL, fallbackAtNew, null));
            cases.add(new Case(m + "update meets missing row", spec, NEW, update(LEGACY, B, L_NAME, "0/1"), null, fallbackAtNew, null));
            cases.add(new Case(m + "insert meets insert", spec, NEW, create(LEGACY, L_NAME, "0/1"), N_EMAIL, fallbackAtNew, null));
        }
    }

    private static void newestWinsCases(List<Case> cases, String type, Object older, Object newer) {
        RowImage base = with(B, "modified", older);
        for (ConflictPolicy fallback : List.of(LEGACY_WINS, NEW_WINS)) {
            ConflictSpec spec = newestWins("modified", fallback);
            String n = "newest-wins by " + type + " (fallback " + fallback.label() + "): ";
            Function<SystemSide, Decision> fallbackAt = target -> (fallback == LEGACY_WINS ? LEGACY : NEW) == target
                    ? Decision.KEEP_CURRENT : Decision.APPLY_INCOMING;
            RowImage l = with(base, "name", "Ada L.");
            RowImage nRow = with(base, "email", "ada@new");
            cases.add(new Case(n + "incoming newer at new", spec, NEW, update(LEGACY, base, with(l, "modified", newer), "0/1"),
                    nRow, Decision.APPLY_INCOMING, null));
            cases.add(new Case(n + "current newer at new", spec, NEW, update(LEGACY, base, l, "0/1"),
                    with(nRow, "modified", newer), Decision.KEEP_CURRENT, null));
            cases.add(new Case(n + "incoming newer at legacy", spec, LEGACY, update(NEW, base, with(nRow, "modified", newer), "0/1"),
                    l, Decision.APPLY_INCOMING, null));
            cases.add(new Case(n + "current newer at legacy", spec, LEGACY, update(NEW, base, nRow, "0/1"),
                    with(l, "modified", newer), Decision.KEEP_CURRENT, null));
            cases.add(new Case(n + "insert meets insert, incoming newer", spec, NEW, create(LEGACY, with(l, "modified", newer), "0/1"),
                    nRow, Decision.APPLY_INCOMING, null));
            for (SystemSide target : SystemSide.values()) {
                RowImage incoming = target == NEW ? l : nRow;
                RowImage current = target == NEW ? nRow : l;
                String at = n + "at " + target.label() + ": ";
                cases.add(new Case(at + "tie", spec, target, update(target.opposite(), base, incoming, "0/1"), current,
                        fallbackAt.apply(target), null));
                cases.add(new Case(at + "null incoming column", spec, target,
                        update(target.opposite(), base, with(incoming, "modified", null), "0/1"), with(current, "modified", newer),
                        fallbackAt.apply(target), null));
                cases.add(new Case(at + "null current column", spec, target,
                        update(target.opposite(), base, with(incoming, "modified", newer), "0/1"), with(current, "modified", null),
                        fallbackAt.apply(target), null));
                cases.add(new Case(at + "update meets missing row", spec, target,
                        update(target.opposite(), base, with(incoming, "modified", newer), "0/1"), null, fallbackAt.apply(target), null));
                cases.add(new Case(at + "delete meets newer update", spec, target, delete(target.opposite(), base, "0/1"),
                        with(current, "modified", newer), fallbackAt.apply(target), null));
            }
        }
    }

    private static void manual(List<Case> cases) {
        ConflictSpec spec = spec(MANUAL, LEGACY_WINS);
        for (SystemSide target : SystemSide.values()) {
            String at = "manual at " + target.label() + ": ";
            cases.add(new Case(at + "update meets update", spec, target, update(target.opposite(), B, L_NAME, "0/1"), N_EMAIL,
                    Decision.PARK, null));
            cases.add(new Case(at + "delete meets update", spec, target, delete(target.opposite(), B, "0/1"), N_EMAIL,
                    Decision.PARK, null));
            cases.add(new Case(at + "update meets missing row", spec, target, update(target.opposite(), B, L_NAME, "0/1"), null,
                    Decision.PARK, null));
            cases.add(new Case(at + "insert meets insert", spec, target, create(target.opposite(), L_NAME, "0/1"), N_EMAIL,
                    Decision.PARK, null));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mergedRows")
    void aMergeDecisionLeavesTheMergedRowAtTheTarget(String description, RowImage incoming, RowImage current, RowImage expected) {
        ChangeEvent change = update(LEGACY, B, incoming, "0/1");
        Conflict conflict = new Conflict(BINDING, NEW, ConflictDetector.detect(change, current), change, current);

        Resolution resolution = ConflictResolvers.create(spec(MERGE, NEW_WINS), NEW, null).resolve(conflict);

        RowImage end = switch (resolution.decision()) {
            case APPLY_INCOMING -> incoming;
            case KEEP_CURRENT -> current;
            case WRITE_ROW -> with(current, resolution.row().asMap().entrySet().stream()
                    .flatMap(e -> Stream.of(e.getKey(), e.getValue())).toArray());
            case PARK -> null;
        };
        assertThat(end).as(description + "; " + resolution).isEqualTo(expected);
    }

    static Stream<Arguments> mergedRows() {
        return Stream.of(
                Arguments.of("three one-sided changes", with(B, "name", "L", "tier", 3), with(B, "email", "n@x"),
                        with(B, "name", "L", "email", "n@x", "tier", 3)),
                Arguments.of("a value set to null on one side", with(B, "email", null), with(B, "name", "N"),
                        with(B, "name", "N", "email", null)),
                Arguments.of("overlap goes to the new side", with(B, "name", "L", "email", "l@x"), with(B, "name", "N"),
                        with(B, "name", "N", "email", "l@x")));
    }
}
