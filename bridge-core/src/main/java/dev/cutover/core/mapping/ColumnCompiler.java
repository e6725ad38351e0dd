package dev.cutover.core.mapping;

import static dev.cutover.core.schema.ColumnType.DECIMAL;
import static dev.cutover.core.schema.ColumnType.FLOAT32;
import static dev.cutover.core.schema.ColumnType.FLOAT64;
import static dev.cutover.core.schema.ColumnType.INT16;
import static dev.cutover.core.schema.ColumnType.INT32;
import static dev.cutover.core.schema.ColumnType.INT64;
import static dev.cutover.core.schema.ColumnType.JSON;
import static dev.cutover.core.schema.ColumnType.STRING;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles the rule of one legacy column that feeds a new column: checks that the types fit and
 * builds the value functions for both directions.
 */
final class ColumnCompiler {

    /** Lossless widenings; each narrows back at run time only when the value fits. */
    private static final Map<ColumnType, Set<ColumnType>> WIDENS_TO = Map.of(
            INT16, EnumSet.of(INT32, INT64, DECIMAL),
            INT32, EnumSet.of(INT64, DECIMAL),
            INT64, EnumSet.of(DECIMAL),
            FLOAT32, EnumSet.of(FLOAT64),
            STRING, EnumSet.of(JSON),
            JSON, EnumSet.of(STRING));

    static final String IMPLICIT_RULE = "same type or a lossless widening (INT16 -> INT32 -> INT64 -> DECIMAL, "
            + "FLOAT32 -> FLOAT64, STRING <-> JSON)";

    private final TableId legacyTable;
    private final TableId newTable;
    private final List<MappingProblem> problems;
    private final List<MappingProblem> inversionProblems;

    ColumnCompiler(TableId legacyTable, TableId newTable, List<MappingProblem> problems, List<MappingProblem> inversionProblems) {
        this.legacyTable = legacyTable;
        this.newTable = newTable;
        this.problems = problems;
        this.inversionProblems = inversionProblems;
    }

    /** True when {@code from} values can go into a {@code to} column as they are. */
    static boolean implicitlyFits(ColumnType from, ColumnType to) {
        return from == to || WIDENS_TO.getOrDefault(from, Set.of()).contains(to);
    }

    /**
     * Compiles {@code rule} (null for a same-named column without a rule) for {@code legacy}
     * feeding {@code target}; returns null after adding to the problems when it does not fit.
     */
    ColumnPlan compile(ColumnRule rule, ColumnDef legacy, ColumnDef target) {
        String location = "columns." + legacy.name();
        boolean hasValues = rule != null && !rule.values().isEmpty();
        boolean hasConversion = rule != null && rule.conversion() != null;
        if (hasValues && hasConversion) {
            problems.add(new MappingProblem(location, "legacy column " + MappingText.column(legacy, legacyTable)
                    + " has both a value map and conversion '" + rule.conversion() + "'; use one of them"));
            return null;
        }
        if (hasValues) {
            return valueMap(rule, legacy, target, location + ".values");
        }
        if (hasConversion) {
            return conversion(rule.conversion(), legacy, target, location + ".convert");
        }
        if (!implicitlyFits(legacy.type(), target.type())) {
            problems.add(new MappingProblem(location, "legacy column " + MappingText.column(legacy, legacyTable)
                    + " cannot feed new column " + MappingText.column(target, newTable) + " as it is; allowed without a rule: "
                    + IMPLICIT_RULE + "; otherwise a value map or " + conversionsFitting(legacy.type(), target.type())));
            return null;
        }
        ColumnPlan.Kind kind = legacy.name().equals(target.name()) ? ColumnPlan.Kind.COPIED : ColumnPlan.Kind.RENAMED;
        return new ColumnPlan(legacy, target, kind, location, ValueFunction.coercingTo(target.type()),
                ValueFunction.coercingTo(legacy.type()));
    }

    private ColumnPlan valueMap(ColumnRule rule, ColumnDef legacy, ColumnDef target, String location) {
        ValueMapping map = ValueMapping.compile(rule.values(), legacy, legacyTable, target, newTable, location, problems);
        if (map == null) {
            return null;
        }
        if (map.inversionProblem() != null) {
            inversionProblems.add(map.inversionProblem());
        }
        return new ColumnPlan(legacy, target, ColumnPlan.Kind.VALUE_MAP, location, map.forward(), map.inverse());
    }

    private ColumnPlan conversion(String name, ColumnDef legacy, ColumnDef target, String location) {
        Optional<Conversion> found = Conversions.find(name);
        if (found.isEmpty()) {
            problems.add(new MappingProblem(location, "unknown conversion '" + name + "' for legacy column "
                    + MappingText.column(legacy, legacyTable) + "; known: " + String.join(", ", Conversions.names())));
            return null;
        }
        Conversion c = found.get();
        boolean fits = true;
        if (!c.legacyTypes().contains(legacy.type())) {
            problems.add(new MappingProblem(location, "conversion '" + name + "' reads legacy " + sorted(c.legacyTypes())
                    + " but legacy column " + MappingText.column(legacy, legacyTable) + " is " + legacy.type()
                    + "; " + conversionsFitting(legacy.type(), target.type())));
            fits = false;
        }
        if (!c.newTypes().contains(target.type())) {
            problems.add(new MappingProblem(location, "conversion '" + name + "' writes new " + sorted(c.newTypes())
                    + " but new column " + MappingText.column(target, newTable) + " is " + target.type()
                    + "; " + conversionsFitting(legacy.type(), target.type())));
            fits = false;
        }
        if (!fits) {
            return null;
        }
        return new ColumnPlan(legacy, target, ColumnPlan.Kind.CONVERSION, location,
                ValueFunction.converting(c, true, target.type()), ValueFunction.converting(c, false, legacy.type()));
    }

    private static String conversionsFitting(ColumnType from, ColumnType to) {
        List<String> names = Conversions.names().stream()
                .filter(n -> {
                    Conversion c = Conversions.find(n).orElseThrow();
                    return c.legacyTypes().contains(from) && c.newTypes().contains(to);
                })
                .toList();
        if (!names.isEmpty()) {
            return "conversions from " + from + " to " + to + ": " + String.join(", ", names);
        }
        return implicitlyFits(from, to)
                ? from + " fits " + to + " without a conversion; leave it out"
                : "no built-in conversion turns " + from + " into " + to + " (ignore the column and fill the new one in a custom mapper)";
    }

    private static String sorted(Set<ColumnType> types) {
        return MappingText.list(EnumSet.copyOf(types));
    }
}
