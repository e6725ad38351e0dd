package dev.cutover.core.mapping;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.TableSchema;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A binding's mapping compiled against the real schemas of its legacy and new tables: the hot
 * path that turns legacy rows and change events into new ones and, for invertible mappings, back.
 *
 * <p>Build one with {@link #compile}, which checks the whole {@link TableMappingSpec} and reports
 * every problem at once (see the package documentation for the rules). Mapping a row then costs
 * one lookup and one precompiled function per column; nothing is resolved by name per row.
 *
 * <p>Every mapped value has exactly the canonical Java type of its target column. A value that
 * cannot be mapped (a code missing from a value map, text a conversion cannot read, a number too
 * large for a narrower column) fails the row with a {@link MappingException} naming the column;
 * nothing is passed through or rounded silently.
 *
 * <p>Immutable and thread-safe (a custom mapper must be thread-safe too, see
 * {@link CustomRowMapper}).
 */
public final class TableMapping {

    private final TableSchema legacySchema;
    private final TableSchema newSchema;
    private final ImagePlan forward;
    private final ImagePlan inverse;
    private final CustomStage custom;
    private final List<MappingProblem> inversionProblems;
    private final Set<String> newDefaultColumns;
    private final Set<String> legacyDefaultColumns;
    private final Set<String> ignoredAbsentLegacyColumns;
    private final String summary;

    TableMapping(TableSchema legacySchema, TableSchema newSchema, ImagePlan forward, ImagePlan inverse, CustomStage custom,
            List<MappingProblem> inversionProblems, Set<String> newDefaultColumns, Set<String> legacyDefaultColumns,
            Set<String> ignoredAbsentLegacyColumns, String summary) {
        this.legacySchema = legacySchema;
        this.newSchema = newSchema;
        this.forward = forward;
        this.inverse = inverse;
        this.custom = custom;
        this.inversionProblems = List.copyOf(inversionProblems);
        this.newDefaultColumns = Set.copyOf(newDefaultColumns);
        this.legacyDefaultColumns = Set.copyOf(legacyDefaultColumns);
        this.ignoredAbsentLegacyColumns = Set.copyOf(ignoredAbsentLegacyColumns);
        this.summary = summary;
    }

    /**
     * Compiles {@code spec} against the schemas read from the two databases.
     *
     * @param spec the declared mapping; its tables must be the schemas' tables
     * @param legacy the legacy table as the database declares it
     * @param newTable the new table as the database declares it
     * @return the compiled mapping, also when it is not invertible (see {@link #invertible()})
     * @throws MappingException listing every problem, each located relative to the binding's
     *     configuration entry (e.g. {@code columns.cust_nm}, {@code defaults.source}, {@code key})
     * @throws IllegalArgumentException when the schemas are not those of the spec's tables
     */
    public static TableMapping compile(TableMappingSpec spec, TableSchema legacy, TableSchema newTable) throws MappingException {
        return MappingCompiler.compile(spec, legacy, newTable);
    }

    /**
     * Maps a change of the legacy table onto the new table. The table and key columns become the
     * new ones; origin, operation, commit time, position and transaction id are kept. A before
     * image is mapped as far as it goes (it may hold only the key) and gets no defaults; an after
     * image is a full row and gets the defaults.
     *
     * @throws MappingException naming the event and the column when a value cannot be mapped
     * @throws IllegalArgumentException when the event is not of the legacy table
     */
    public ChangeEvent toNew(ChangeEvent legacyEvent) throws MappingException {
        requireTable(legacyEvent, legacySchema.table());
        try {
            RowImage before = legacyEvent.before() == null ? null : mapToNew(legacyEvent.before(), false);
            RowImage after = legacyEvent.after() == null ? null : mapToNew(legacyEvent.after(), true);
            return rebuild(legacyEvent, newSchema, before, after);
        } catch (MappingException e) {
            throw new MappingException("cannot map " + legacyEvent.describe() + " to " + newSchema.table(), e.problems(), e);
        }
    }

    /**
     * Maps a change of the new table back onto the legacy table, the inverse of {@link #toNew}.
     *
     * @throws MappingException when the mapping is not invertible (listing why), or naming the
     *     event and the column when a value cannot be mapped
     * @throws IllegalArgumentException when the event is not of the new table
     */
    public ChangeEvent toLegacy(ChangeEvent newEvent) throws MappingException {
        requireTable(newEvent, newSchema.table());
        requireInvertible();
        try {
            RowImage before = newEvent.before() == null ? null : mapToLegacy(newEvent.before(), false);
            RowImage after = newEvent.after() == null ? null : mapToLegacy(newEvent.after(), true);
            return rebuild(newEvent, legacySchema, before, after);
        } catch (MappingException e) {
            throw new MappingException("cannot map " + newEvent.describe() + " to " + legacySchema.table(), e.problems(), e);
        }
    }

    /**
     * Maps a full legacy row (defaults added), e.g. for a batch copy or a drift check.
     *
     * @throws MappingException naming the column when a value cannot be mapped
     */
    public RowImage rowToNew(RowImage legacyRow) throws MappingException {
        return mapToNew(legacyRow, true);
    }

    /**
     * Maps a full new row back onto the legacy table (legacy defaults added).
     *
     * @throws MappingException when the mapping is not invertible, or naming the column when a
     *     value cannot be mapped
     */
    public RowImage rowToLegacy(RowImage newRow) throws MappingException {
        requireInvertible();
        return mapToLegacy(newRow, true);
    }

    /** The legacy table, with the binding's key as its key columns. */
    public TableSchema legacySchema() {
        return legacySchema;
    }

    /** The new table. */
    public TableSchema newSchema() {
        return newSchema;
    }

    /**
     * The new table reduced to the columns a row mapped by {@link #toNew} carries: a new column
     * whose default is null (left to the database) is not among them. With a custom mapper, which
     * may fill any column, the whole table.
     */
    public TableSchema newRowSchema() {
        return custom == null ? project(newSchema, forward.targetColumns()) : newSchema;
    }

    /**
     * The legacy table reduced to the columns a row mapped by {@link #toLegacy} carries (ignored
     * legacy columns without a legacy default are left out); see {@link #newRowSchema()}.
     *
     * @throws IllegalStateException when the mapping is not invertible
     */
    public TableSchema legacyRowSchema() {
        if (inverse == null) {
            throw new IllegalStateException("mapping " + legacySchema.table() + " -> " + newSchema.table() + " is not invertible");
        }
        return custom == null ? project(legacySchema, inverse.targetColumns()) : legacySchema;
    }

    private static TableSchema project(TableSchema table, List<String> columns) {
        Set<String> keep = Set.copyOf(columns);
        return new TableSchema(table.table(), table.columns().stream().filter(c -> keep.contains(c.name())).toList(),
                table.keyColumns());
    }

    /** The legacy key columns, in key order: the configured key or the primary key. */
    public List<String> legacyKeyColumns() {
        return legacySchema.keyColumns();
    }

    /** The new table's key columns, in key order; the legacy key maps onto exactly these. */
    public List<String> newKeyColumns() {
        return newSchema.keyColumns();
    }

    /**
     * New columns whose values are their legacy column's values unchanged (copied or renamed
     * between columns of the same type, no rule), with that legacy column, in new table order:
     * a bulk copy can move those values as the database spells them. Empty with a custom mapper,
     * which may change any value.
     */
    public Map<String, String> newColumnsTakenAsIs() {
        return custom == null ? forward.takenAsIs() : Map.of();
    }

    /** Legacy columns whose values are their new column's values unchanged; see {@link #newColumnsTakenAsIs()}. */
    public Map<String, String> legacyColumnsTakenAsIs() {
        return custom == null && inverse != null ? inverse.takenAsIs() : Map.of();
    }

    /**
     * True when rows are mapped by the declarative rules alone, without a custom mapper: the same
     * values always map to the same values, so a bulk copy may remember what it mapped.
     */
    public boolean declarative() {
        return custom == null;
    }

    /** The legacy column that feeds new column {@code newColumn}, or null when none does. */
    public String legacyColumnFeeding(String newColumn) {
        return forward.sourceOf(newColumn);
    }

    /** True when rows can be mapped back from new to legacy ({@link #toLegacy}). */
    public boolean invertible() {
        return inverse != null;
    }

    /** Why the mapping cannot be inverted, located like compile problems; empty when it can. */
    public List<MappingProblem> inversionProblems() {
        return inversionProblems;
    }

    /**
     * New columns that {@link #toNew} fills with a configured constant in every after image.
     * An applier should write them only when it inserts a row: on an update the constant would
     * overwrite what the new system stored.
     */
    public Set<String> newDefaultColumns() {
        return newDefaultColumns;
    }

    /** Legacy columns that {@link #toLegacy} fills with a configured constant; see {@link #newDefaultColumns()}. */
    public Set<String> legacyDefaultColumns() {
        return legacyDefaultColumns;
    }

    /**
     * Legacy columns the binding ignores ({@code columns.<c>: {ignore: true}}) that the legacy table
     * did not have when compiled: rows carrying them map (the values are dropped), so adding such a
     * column later is no drift.
     */
    public Set<String> ignoredAbsentLegacyColumns() {
        return ignoredAbsentLegacyColumns;
    }

    /** One line for logs and {@code plan}, e.g. {@code public.a -> public.b: 5 columns (2 renamed, 1 ignored, ...), 1 default}. */
    public String summary() {
        return summary;
    }

    @Override
    public String toString() {
        return summary;
    }

    private RowImage mapToNew(RowImage legacyRow, boolean full) throws MappingException {
        RowImage mapped = forward.map(legacyRow, full);
        return custom == null ? mapped : custom.toNew(mapped, legacyRow, full);
    }

    private RowImage mapToLegacy(RowImage newRow, boolean full) throws MappingException {
        RowImage mapped = inverse.map(newRow, full);
        return custom == null ? mapped : custom.toLegacy(mapped, newRow, full);
    }

    private void requireInvertible() throws MappingException {
        if (inverse == null) {
            throw new MappingException("mapping " + legacySchema.table() + " -> " + newSchema.table()
                    + " is not invertible, so changes cannot flow from " + newSchema.table() + " to " + legacySchema.table(),
                    inversionProblems);
        }
    }

    private static void requireTable(ChangeEvent event, TableId expected) {
        if (!event.table().equals(expected)) {
            throw new IllegalArgumentException("a change of " + event.table() + " was given to the mapping of " + expected);
        }
    }

    private static ChangeEvent rebuild(ChangeEvent source, TableSchema target, RowImage before, RowImage after) throws MappingException {
        try {
            return new ChangeEvent(source.origin(), target.table(), source.operation(), target.keyColumns(), before, after,
                    source.commitTime(), source.position(), source.transactionId());
        } catch (IllegalArgumentException e) {
            throw new MappingException("cannot map a row to " + target.table(),
                    List.of(new MappingProblem("key", "the mapped change lacks a key column of " + target.table() + ": " + e.getMessage())), e);
        }
    }
}
