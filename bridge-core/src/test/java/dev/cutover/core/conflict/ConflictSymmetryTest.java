package dev.cutover.core.conflict;

import static dev.cutover.core.conflict.ConflictFixtures.BINDING;
import static dev.cutover.core.conflict.ConflictFixtures.check;
import static dev.cutover.core.conflict.ConflictFixtures.create;
import static dev.cutover.core.conflict.ConflictFixtures.delete;
import static dev.cutover.core.conflict.ConflictFixtures.newestWins;
import static dev.cutover.core.conflict.ConflictFixtures.row;
import static dev.cutover.core.conflict.ConflictFixtures.spec;
import static dev.cutover.core.conflict.ConflictFixtures.update;
import static dev.cutover.core.conflict.ConflictFixtures.with;
import static dev.cutover.core.conflict.ConflictFixtures.written;
import static dev.cutover.core.conflict.ConflictFixtures.writtenAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Convergence of a concurrent pair: the legacy system makes change L and the new system change N,
 * both from the same row B (or both insert the same key). The applier writing the new system then
 * meets L against N, the one writing the legacy system meets N against L. Whatever the policy
 * (manual aside), both must end with the same row, or the databases drift apart for good. Pairs
 * come from seeded generators; a failure names the seed that reproduces it.
 */
class ConflictSymmetryTest {

    private static final int PAIRS = 4_000;
    private static final long BASE_SEED = 0xC0FF_1C7L;

    static Stream<ConflictSpec> policies() {
        return Stream.of(
                spec(ConflictPolicy.LEGACY_WINS, ConflictPolicy.LEGACY_WINS),
                spec(ConflictPolicy.NEW_WINS, ConflictPolicy.LEGACY_WINS),
                newestWins("modified", ConflictPolicy.LEGACY_WINS),
                newestWins("modified", ConflictPolicy.NEW_WINS),
                spec(ConflictPolicy.MERGE, ConflictPolicy.LEGACY_WINS),
                spec(ConflictPolicy.MERGE, ConflictPolicy.NEW_WINS));
    }

    /** The pair and the row each system holds after its own change. */
    record Pair(RowImage before, ChangeEvent legacy, ChangeEvent neu) {

        /** The change that reaches {@code target}: the other system's. */
        ChangeEvent incomingAt(SystemSide target) {
            return target == SystemSide.NEW ? legacy : neu;
        }

        /** The row {@code target} holds after its own change, before the other's arrives. */
        RowImage currentAt(SystemSide target) {
            ChangeEvent own = target == SystemSide.NEW ? neu : legacy;
            return own.after();
        }

        @Override
        public String toString() {
            return "before " + before + ", legacy " + legacy.operation() + " " + legacy.after() + ", new " + neu.operation() + " "
                    + neu.after();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void bothResolversDecideAConflictingPairAlike(ConflictSpec spec) {
        int conflicting = 0;
        for (int i = 0; i < PAIRS; i++) {
            long seed = BASE_SEED + i;
            Pair pair = pair(new Random(seed));
            ConflictKind atNew = ConflictDetector.detect(pair.incomingAt(SystemSide.NEW), pair.currentAt(SystemSide.NEW));
            ConflictKind atLegacy = ConflictDetector.detect(pair.incomingAt(SystemSide.LEGACY), pair.currentAt(SystemSide.LEGACY));
            if (atNew == null || atLegacy == null) {
                continue;
            }
            conflicting++;
            Resolution newSide = resolve(spec, SystemSide.NEW, atNew, pair);
            Resolution legacySide = resolve(spec, SystemSide.LEGACY, atLegacy, pair);

            assertThat(end(newSide, pair, SystemSide.NEW))
                    .as("seed %d, %s: %s; at new %s, at legacy %s", seed, spec, pair, newSide, legacySide)
                    .isEqualTo(end(legacySide, pair, SystemSide.LEGACY));
        }
        assertThat(conflicting).as("pairs conflicting at both targets").isGreaterThan(PAIRS / 4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void bothAppliersEndWithTheSameRowForEveryPair(ConflictSpec spec) {
        ConflictCheck atNew = check(spec, SystemSide.NEW);
        ConflictCheck atLegacy = check(spec, SystemSide.LEGACY);
        for (int i = 0; i < PAIRS; i++) {
            long seed = BASE_SEED + i;
            Pair pair = pair(new Random(seed));
            RowImage newCurrent = pair.currentAt(SystemSide.NEW);
            RowImage legacyCurrent = pair.currentAt(SystemSide.LEGACY);
            KeyOutcome newOutcome = atNew.check(List.of(pair.incomingAt(SystemSide.NEW)), newCurrent, null);
            KeyOutcome legacyOutcome = atLegacy.check(List.of(pair.incomingAt(SystemSide.LEGACY)), legacyCurrent, null);

            String context = "seed " + seed + ", " + spec + ": " + pair + "; at new " + newOutcome.conflicts() + ", at legacy "
                    + legacyOutcome.conflicts();
            assertThat(newOutcome.parked()).as(context).isNull();
            assertThat(legacyOutcome.parked()).as(context).isNull();
            assertThat(writtenAll(newCurrent, newOutcome.writes())).as(context)
                    .isEqualTo(writtenAll(legacyCurrent, legacyOutcome.writes()));
        }
    }

    private static Resolution resolve(ConflictSpec spec, SystemSide target, ConflictKind kind, Pair pair) {
        ConflictResolver resolver = ConflictResolvers.create(spec, target, spec.column());
        return resolver.resolve(new Conflict(BINDING, target, kind, pair.incomingAt(target), pair.currentAt(target)));
    }

    /** The row {@code target} holds once the decision is carried out. */
    private static RowImage end(Resolution resolution, Pair pair, SystemSide target) {
        RowImage current = pair.currentAt(target);
        return switch (resolution.decision()) {
            case APPLY_INCOMING -> written(current, pair.incomingAt(target));
            case KEEP_CURRENT -> current;
            case WRITE_ROW -> current == null ? resolution.row() : with(current, flatten(resolution.row()));
            case PARK -> throw new AssertionError("only manual parks: " + resolution);
        };
    }

    private static Object[] flatten(RowImage row) {
        return row.asMap().entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue())).toArray();
    }

    /**
     * A concurrent pair. Values come from small domains so that ties, equal values on both sides
     * and no-op updates are frequent; the ordering column is an instant, a local date-time or a
     * long version, sometimes null.
     */
    static Pair pair(Random random) {
        int versionType = random.nextInt(3);
        RowImage before = random.nextInt(5) == 0 ? null : randomRow(random, versionType);
        return new Pair(before, change(random, SystemSide.LEGACY, before, versionType, "0/A"),
                change(random, SystemSide.NEW, before, versionType, "0/B"));
    }

    private static ChangeEvent change(Random random, SystemSide origin, RowImage before, int versionType, String position) {
        if (before == null) {
            return create(origin, randomRow(random, versionType), position);
        }
        if (random.nextInt(5) == 0) {
            return delete(origin, before, position);
        }
        RowImage after = before;
        RowImage fresh = randomRow(random, versionType);
        for (String column : List.of("name", "tier", "amount", "modified")) {
            if (random.nextInt(5) < 2) {
                after = with(after, column, fresh.get(column));
            }
        }
        return update(origin, before, after, position);
    }

    private static RowImage randomRow(Random random, int versionType) {
        return row("id", 7L,
                "name", pick(random, "Ada", "Bo", "Cy"),
                "tier", pick(random, null, 1, 2),
                "amount", pick(random, new BigDecimal("1.5"), new BigDecimal("1.50"), new BigDecimal("2")),
                "modified", version(random, versionType));
    }

    private static Object version(Random random, int type) {
        int step = random.nextInt(4);
        if (step == 3) {
            return null;
        }
        return switch (type) {
            case 0 -> Instant.parse("2024-05-01T10:00:00Z").plusMillis(step);
            case 1 -> LocalDateTime.parse("2024-05-01T10:00:00").plusNanos(1_000L * step);
            default -> 100L + step;
        };
    }

    private static Object pick(Random random, Object... options) {
        return options[random.nextInt(options.length)];
    }
}
