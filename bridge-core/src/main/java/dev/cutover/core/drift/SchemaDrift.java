package dev.cutover.core.drift;

import dev.cutover.core.drift.SchemaDifference.Kind;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a table's live schema with the schema its binding's mapping was compiled against, and
 * decides for each difference whether changes can keep flowing through the compiled mapping.
 *
 * <p>The captured (source) table:
 * <ul>
 *   <li>an added column is incompatible: the compiled mapping does not know where its values go;
 *       unless the binding ignored the legacy column before it existed ({@code columns.<c>: {ignore:
 *       true}}, see {@link TableMapping#ignoredAbsentLegacyColumns()}): rows carrying it map;</li>
 *   <li>a dropped column is compatible when the mapping ignored it, incompatible when it fed a
 *       column of the other table: that column would silently stop being written;</li>
 *   <li>a changed type is compatible when the new type keeps its canonical kind (see
 *       {@link #holds}) and every value of it still fits the column it feeds (varchar(20) to
 *       varchar(40) into a text column, int to bigint into a bigint column, numeric(10,2) to
 *       numeric(12,2) into numeric(12,2)), or the column is ignored; otherwise incompatible;</li>
 *   <li>a column that became NOT NULL or nullable changes nothing a change carries: compatible.</li>
 * </ul>
 * The written (target) table, against the columns the mapping writes:
 * <ul>
 *   <li>an added column, or one the mapping does not write, is compatible when it is nullable or
 *       has a default (an insert leaves it to the database), incompatible when it is NOT NULL
 *       without a default (every insert is refused);</li>
 *   <li>a dropped written column is incompatible;</li>
 *   <li>a written column whose type changed is compatible when it still {@linkplain #holds holds}
 *       what it held when compiled (a widening), incompatible otherwise (a narrowing or another type);</li>
 *   <li>a written column that became NOT NULL is incompatible (the mapping may write NULL into it);
 *       one that became nullable is compatible.</li>
 * </ul>
 * Every difference carries the fix, naming the binding's configuration keys and SQL to run.
 * Stateless and thread-safe.
 */
public final class SchemaDrift {

    private SchemaDrift() {
    }

    /**
     * Diffs the binding's captured table.
     *
     * @param binding the binding name, for fixes
     * @param mapping the compiled mapping
     * @param source the side whose table is captured
     * @param live that table as the database declares it now
     */
    public static DriftReport ofSource(String binding, TableMapping mapping, SystemSide source, TableSchema live) {
        TableSchema compiled = source == SystemSide.LEGACY ? mapping.legacySchema() : mapping.newSchema();
        TableSchema other = source == SystemSide.LEGACY ? mapping.newSchema() : mapping.legacySchema();
        List<SchemaDifference> found = new ArrayList<>();
        for (ColumnDef now : live.columns()) {
            Optional<ColumnDef> was = compiled.column(now.name());
            if (was.isEmpty()) {
                boolean announced = source == SystemSide.LEGACY && mapping.ignoredAbsentLegacyColumns().contains(now.name());
                found.add(new SchemaDifference(Kind.ADDED, now.name(), null, describe(now), announced, announced
                        ? "nothing to do: binding '" + binding + "' ignores it (columns." + now.name() + ": {ignore: true})"
                        : addedSourceFix(binding, source, now.name(), other)));
                continue;
            }
            ColumnDef fed = fed(mapping, source, now.name(), other);
            if (!sameType(was.get(), now)) {
                boolean fits = fed == null || holds(fed, now) && sameKind(was.get(), now);
                found.add(new SchemaDifference(Kind.TYPE_CHANGED, now.name(), describe(was.get()), describe(now), fits, fits
                        ? "nothing to do: " + (fed == null ? "the mapping ignores it" : other.table() + "." + fed.name() + " ("
                                + describe(fed) + ") holds every value of it")
                        : "widen " + (fed == null ? "the column" : other.table() + "." + fed.name() + " so it holds "
                                + sized(now) + " (ALTER TABLE " + other.table() + " ALTER COLUMN " + fed.name() + " TYPE …)")
                                + ", or change " + compiled.table() + "." + now.name() + " back to " + sized(was.get())
                                + ", then restart the bridge"));
            } else if (was.get().nullable() != now.nullable()) {
                found.add(new SchemaDifference(Kind.NULLABILITY_CHANGED, now.name(), describe(was.get()), describe(now), true,
                        "nothing to do: a change carries the same values"));
            }
        }
        for (ColumnDef was : compiled.columns()) {
            if (live.column(was.name()).isEmpty()) {
                ColumnDef fed = fed(mapping, source, was.name(), other);
                found.add(new SchemaDifference(Kind.DROPPED, was.name(), describe(was), null, fed == null, fed == null
                        ? "nothing to do: the mapping ignored it; remove its entry columns." + was.name() + " from binding '"
                                + binding + "' before the next start"
                        : droppedSourceFix(binding, source, was.name(), other, fed)));
            }
        }
        return new DriftReport(binding, source, live.table(), found);
    }

    /**
     * Diffs the binding's written table.
     *
     * @param binding the binding name, for fixes
     * @param target the side whose table is written
     * @param written the columns the mapping writes, as compiled
     * @param live the whole table as the database declares it now
     * @param liveDefaulted the live columns that have a default (or are generated), so an insert may leave them out
     */
    public static DriftReport ofTarget(String binding, SystemSide target, TableSchema written, TableSchema live,
            Set<String> liveDefaulted) {
        String defaults = target == SystemSide.NEW ? "defaults" : "legacy-defaults";
        List<SchemaDifference> found = new ArrayList<>();
        for (ColumnDef now : live.columns()) {
            Optional<ColumnDef> was = written.column(now.name());
            if (was.isEmpty()) {
                boolean fine = now.nullable() || liveDefaulted.contains(now.name());
                found.add(new SchemaDifference(Kind.ADDED, now.name(), null, describe(now), fine, fine
                        ? "nothing to do: inserts leave it to the database; add " + defaults + "." + now.name()
                                + ": null (or map a column onto it) in binding '" + binding + "' before the next start"
                        : "give it a default (ALTER TABLE " + live.table() + " ALTER COLUMN " + now.name() + " SET DEFAULT …)"
                                + " or allow NULL, or map a column onto it (or set " + defaults + "." + now.name()
                                + ") in binding '" + binding + "', then restart the bridge"));
            } else if (!sameType(was.get(), now)) {
                boolean fits = holds(now, was.get()) && now.type() == was.get().type();
                found.add(new SchemaDifference(Kind.TYPE_CHANGED, now.name(), describe(was.get()), describe(now), fits, fits
                        ? "nothing to do: it holds every value the mapping writes"
                        : "change it back so it holds " + sized(was.get()) + " (ALTER TABLE " + live.table()
                                + " ALTER COLUMN " + now.name() + " TYPE " + sized(was.get()) + "), then restart the bridge"));
            } else if (was.get().nullable() && !now.nullable()) {
                found.add(new SchemaDifference(Kind.NULLABILITY_CHANGED, now.name(), describe(was.get()), describe(now), false,
                        "allow NULL again (ALTER TABLE " + live.table() + " ALTER COLUMN " + now.name()
                                + " DROP NOT NULL) or make sure the mapping never writes NULL into it, then restart the bridge"));
            } else if (was.get().nullable() != now.nullable()) {
                found.add(new SchemaDifference(Kind.NULLABILITY_CHANGED, now.name(), describe(was.get()), describe(now), true,
                        "nothing to do: it takes what the mapping writes"));
            }
        }
        for (ColumnDef was : written.columns()) {
            if (live.column(was.name()).isEmpty()) {
                found.add(new SchemaDifference(Kind.DROPPED, was.name(), describe(was), null, false,
                        "add it back (ALTER TABLE " + live.table() + " ADD COLUMN " + was.name() + " " + sized(was)
                                + "), or stop writing it in binding '" + binding + "' (ignore the column that feeds it, or remove "
                                + defaults + "." + was.name() + "), then restart the bridge"));
            }
        }
        return new DriftReport(binding, target, live.table(), found);
    }

    /**
     * True when column {@code into} holds every value of column {@code from} of the same canonical
     * kind: the same type with at least the length (STRING) or the integer and fraction digits
     * (DECIMAL) of {@code from}, 0 meaning unbounded; a wider integer (INT16 &lt; INT32 &lt; INT64);
     * FLOAT64 for FLOAT32; an unbounded DECIMAL for any integer.
     */
    public static boolean holds(ColumnDef into, ColumnDef from) {
        if (into.type() == from.type()) {
            return switch (into.type()) {
                case STRING -> into.precision() == 0 || from.precision() != 0 && into.precision() >= from.precision();
                case DECIMAL -> into.precision() == 0 || from.precision() != 0 && into.scale() >= from.scale()
                        && into.precision() - into.scale() >= from.precision() - from.scale();
                default -> true;
            };
        }
        int intoRank = integerRank(into.type());
        int fromRank = integerRank(from.type());
        if (fromRank > 0 && (intoRank >= fromRank || into.type() == ColumnType.DECIMAL && into.precision() == 0)) {
            return true;
        }
        return from.type() == ColumnType.FLOAT32 && into.type() == ColumnType.FLOAT64;
    }

    /** The same canonical type, or integers both: the compiled value function still takes the new values. */
    private static boolean sameKind(ColumnDef was, ColumnDef now) {
        return was.type() == now.type() || integerRank(was.type()) > 0 && integerRank(now.type()) > 0;
    }

    private static int integerRank(ColumnType type) {
        return switch (type) {
            case INT16 -> 1;
            case INT32 -> 2;
            case INT64 -> 3;
            default -> 0;
        };
    }

    private static boolean sameType(ColumnDef a, ColumnDef b) {
        return a.type() == b.type() && a.precision() == b.precision() && a.scale() == b.scale()
                && a.nativeType().equals(b.nativeType());
    }

    /** The column of the other table that source column {@code column} feeds; null when it feeds none (ignored). */
    private static ColumnDef fed(TableMapping mapping, SystemSide source, String column, TableSchema other) {
        if (source == SystemSide.LEGACY) {
            for (ColumnDef target : other.columns()) {
                if (column.equals(mapping.legacyColumnFeeding(target.name()))) {
                    return target;
                }
            }
            return null;
        }
        String legacy = mapping.legacyColumnFeeding(column);
        return legacy == null ? null : other.column(legacy).orElse(null);
    }

    private static String addedSourceFix(String binding, SystemSide source, String column, TableSchema other) {
        if (source == SystemSide.LEGACY) {
            return "map it in binding '" + binding + "' (columns." + column + ": <new column>, adding that column to "
                    + other.table() + " first if needed) or ignore it (columns." + column + ": {ignore: true}), then restart"
                    + " the bridge: the changes held meanwhile are applied through the fixed mapping";
        }
        return "map it onto a legacy column of " + other.table() + " in binding '" + binding + "' (columns.<legacy column>: "
                + column + "), or drop it again, then restart the bridge: the changes held meanwhile are applied through"
                + " the fixed mapping";
    }

    private static String droppedSourceFix(String binding, SystemSide source, String column, TableSchema other, ColumnDef fed) {
        if (source == SystemSide.LEGACY) {
            return "it fed " + other.table() + "." + fed.name() + ": in binding '" + binding + "' remove columns." + column
                    + " and give the new column a value (defaults." + fed.name() + ": <constant>, or null to leave it to the"
                    + " database), or map another legacy column onto it, then restart the bridge";
        }
        return "it fed " + other.table() + "." + fed.name() + ": in binding '" + binding + "' ignore that legacy column"
                + " (columns." + fed.name() + ": {ignore: true}) with a legacy-defaults." + fed.name()
                + " if it is NOT NULL, then restart the bridge";
    }

    /** E.g. {@code varchar(20) NULL}. */
    private static String describe(ColumnDef c) {
        return sized(c) + (c.nullable() ? " NULL" : " NOT NULL");
    }

    /** E.g. {@code numeric(12,2)}; the native name alone when unbounded or not sized. */
    private static String sized(ColumnDef c) {
        if (c.precision() == 0 || c.nativeType().contains("(")
                || c.type() != ColumnType.STRING && c.type() != ColumnType.DECIMAL) {
            return c.nativeType();
        }
        return c.nativeType() + "(" + c.precision() + (c.type() == ColumnType.DECIMAL ? "," + c.scale() : "") + ")";
    }
}
