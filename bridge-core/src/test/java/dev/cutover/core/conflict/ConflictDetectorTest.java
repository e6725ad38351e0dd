package dev.cutover.core.conflict;

import static dev.cutover.core.conflict.ConflictFixtures.create;
import static dev.cutover.core.conflict.ConflictFixtures.delete;
import static dev.cutover.core.conflict.ConflictFixtures.read;
import static dev.cutover.core.conflict.ConflictFixtures.row;
import static dev.cutover.core.conflict.ConflictFixtures.update;
import static dev.cutover.core.conflict.ConflictFixtures.with;
import static dev.cutover.core.conflict.ConflictFixtures.without;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConflictDetectorTest {

    private static final SystemSide FROM = SystemSide.LEGACY;

    /** What the source saw. */
    private static final RowImage BEFORE = row("id", 1, "name", "Ada", "tier", 1);
    /** What the source wrote. */
    private static final RowImage AFTER = with(BEFORE, "name", "Ada L.");
    /** What the target holds after a change of its own. */
    private static final RowImage OTHER = with(BEFORE, "tier", 2);

    private static final Map<String, RowImage> CURRENT = Map.of("before", BEFORE, "after", AFTER, "other", OTHER);

    private static final Map<String, ChangeEvent> CHANGES = Map.of(
            "create", create(FROM, AFTER, "0/10"),
            "read", read(FROM, AFTER, "0/10"),
            "update", update(FROM, BEFORE, AFTER, "0/10"),
            "update without before", update(FROM, null, AFTER, "0/10"),
            "delete", delete(FROM, BEFORE, "0/10"),
            "delete of key only", delete(FROM, row("id", 1), "0/10"));

    @ParameterizedTest(name = "{0} meeting {1} row -> {2}")
    @MethodSource("operationsAgainstRows")
    void judgesEachOperationAgainstEachKindOfTargetRow(String change, String current, ConflictKind expected) {
        assertThat(ConflictDetector.detect(CHANGES.get(change), CURRENT.get(current))).isEqualTo(expected);
    }

    static Stream<Arguments> operationsAgainstRows() {
        return Stream.of(
                // an insert fits an empty slot, or a row that already is what it inserts (re-delivery)
                Arguments.of("create", "missing", null),
                Arguments.of("create", "before", ConflictKind.INSERT_EXISTS),
                Arguments.of("create", "after", null),
                Arguments.of("create", "other", ConflictKind.INSERT_EXISTS),
                Arguments.of("read", "missing", null),
                Arguments.of("read", "before", ConflictKind.INSERT_EXISTS),
                Arguments.of("read", "after", null),
                Arguments.of("read", "other", ConflictKind.INSERT_EXISTS),
                // an update fits the row it saw, or the row it leaves behind
                Arguments.of("update", "missing", ConflictKind.UPDATE_MISSING),
                Arguments.of("update", "before", null),
                Arguments.of("update", "after", null),
                Arguments.of("update", "other", ConflictKind.UPDATE_CHANGED),
                // without a before image only a missing row shows a conflict
                Arguments.of("update without before", "missing", ConflictKind.UPDATE_MISSING),
                Arguments.of("update without before", "before", null),
                Arguments.of("update without before", "after", null),
                Arguments.of("update without before", "other", null),
                // a delete fits the row it saw, or no row (already deleted)
                Arguments.of("delete", "missing", null),
                Arguments.of("delete", "before", null),
                Arguments.of("delete", "after", ConflictKind.DELETE_CHANGED),
                Arguments.of("delete", "other", ConflictKind.DELETE_CHANGED),
                // a before image of the key alone has nothing else to compare
                Arguments.of("delete of key only", "missing", null),
                Arguments.of("delete of key only", "before", null),
                Arguments.of("delete of key only", "after", null),
                Arguments.of("delete of key only", "other", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partialImages")
    void comparesOnlyColumnsBothSidesHave(String description, ChangeEvent change, RowImage current, ConflictKind expected) {
        assertThat(ConflictDetector.detect(change, current)).as(description).isEqualTo(expected);
    }

    static Stream<Arguments> partialImages() {
        RowImage wide = row("id", 1, "name", "Ada", "tier", 1, "notes", "long text");
        return Stream.of(
                Arguments.of("before image lacks a column the target changed",
                        update(FROM, without(wide, "notes"), with(wide, "name", "B"), "0/1"), with(wide, "notes", "edited"), null),
                Arguments.of("target row lacks a column the images carry (not mapped)",
                        update(FROM, wide, with(wide, "name", "B"), "0/1"), without(with(wide, "tier", 9), "tier"), null),
                Arguments.of("after image lacks a column (unchanged TOAST) that differs at the target",
                        create(FROM, without(wide, "notes"), "0/1"), with(wide, "notes", "other"), null),
                Arguments.of("a column in both with different values still counts",
                        update(FROM, without(wide, "notes"), with(wide, "name", "B"), "0/1"), with(wide, "tier", 2),
                        ConflictKind.UPDATE_CHANGED),
                Arguments.of("null in the before image and null at the target are the same",
                        update(FROM, with(wide, "notes", null), with(wide, "notes", "x"), "0/1"), with(wide, "notes", null), null),
                Arguments.of("null in the before image and a value at the target differ",
                        update(FROM, with(wide, "notes", null), with(wide, "notes", "x"), "0/1"), with(wide, "notes", "y"),
                        ConflictKind.UPDATE_CHANGED),
                Arguments.of("a delete whose before image lacks the column the target changed",
                        delete(FROM, without(wide, "tier"), "0/1"), with(wide, "tier", 5), null));
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @MethodSource("equalValues")
    void comparesValuesCanonically(Object seen, Object atTarget) {
        RowImage before = row("id", 1, "amount", seen);
        ChangeEvent change = update(FROM, before, row("id", 1, "amount", BigDecimal.TEN), "0/1");

        assertThat(ConflictDetector.detect(change, row("id", 1, "amount", atTarget))).isNull();
    }

    static Stream<Arguments> equalValues() {
        return Stream.of(
                Arguments.of(new BigDecimal("1.50"), new BigDecimal("1.5")),
                Arguments.of(new BigDecimal("0"), new BigDecimal("0.000")),
                Arguments.of(new byte[] {1, 2, 3}, new byte[] {1, 2, 3}));
    }

    @Test
    void decimalsThatDifferByValueConflict() {
        ChangeEvent change = update(FROM, row("id", 1, "amount", new BigDecimal("1.50")), row("id", 1, "amount", BigDecimal.TEN), "0/1");

        assertThat(ConflictDetector.detect(change, row("id", 1, "amount", new BigDecimal("1.51")))).isEqualTo(ConflictKind.UPDATE_CHANGED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noOps")
    void anUpdateThatChangesNoComparedColumnChangesNothing(String description, ChangeEvent change, boolean expected) {
        assertThat(ConflictDetector.changesNothing(change)).as(description).isEqualTo(expected);
    }

    static Stream<Arguments> noOps() {
        RowImage before = row("id", 1, "name", "Ada", "amount", new BigDecimal("1.5"));
        return Stream.of(
                Arguments.of("same values", update(FROM, before, before, "0/1"), true),
                Arguments.of("decimal rescaled only", update(FROM, before, with(before, "amount", new BigDecimal("1.50")), "0/1"), true),
                Arguments.of("after adds a column the before lacks (a mapped default)",
                        update(FROM, before, with(before, "source", "legacy"), "0/1"), true),
                Arguments.of("one value changed", update(FROM, before, with(before, "name", "Bo"), "0/1"), false),
                Arguments.of("value set to null", update(FROM, before, with(before, "name", null), "0/1"), false),
                Arguments.of("no before image: unknown", update(FROM, null, before, "0/1"), false),
                Arguments.of("a create", create(FROM, before, "0/1"), false),
                Arguments.of("a delete", delete(FROM, before, "0/1"), false));
    }
}
