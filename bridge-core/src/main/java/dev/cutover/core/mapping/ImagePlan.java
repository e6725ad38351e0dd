package dev.cutover.core.mapping;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One direction of a compiled mapping, laid out as arrays so that mapping a row costs one map
 * lookup and one function call per column and allocates only the output row.
 *
 * <p>Output columns come in the target table's order. Each is either fed by a source column
 * (mapped when the source row has it) or a constant default (added to full images only). Source
 * columns that feed nothing are listed so that a column the mapping does not know (the table
 * changed after compilation) is refused rather than silently dropped. Immutable and thread-safe.
 */
final class ImagePlan {

    private static final Object ABSENT = new Object();

    private final TableId sourceTable;
    private final TableId targetTable;
    private final String[] targetNames;
    private final String[] sourceNames;
    private final ValueFunction[] functions;
    private final Object[] constants;
    private final String[] locations;
    private final String[] descriptions;
    private final String[] unmappedSourceNames;
    private final Set<String> knownSourceNames;
    private final Map<String, String> takenAsIs;

    private ImagePlan(Builder b) {
        this.sourceTable = b.sourceTable;
        this.targetTable = b.targetTable;
        int n = b.targetNames.size();
        this.targetNames = b.targetNames.toArray(new String[n]);
        this.sourceNames = b.sourceNames.toArray(new String[n]);
        this.functions = b.functions.toArray(new ValueFunction[n]);
        this.constants = b.constants.toArray(new Object[n]);
        this.locations = b.locations.toArray(new String[n]);
        this.descriptions = b.descriptions.toArray(new String[n]);
        this.unmappedSourceNames = b.unmapped.toArray(new String[0]);
        Set<String> known = new LinkedHashSet<>();
        b.sourceNames.stream().filter(s -> s != null).forEach(known::add);
        known.addAll(b.unmapped);
        this.knownSourceNames = Collections.unmodifiableSet(known);
        this.takenAsIs = Collections.unmodifiableMap(new LinkedHashMap<>(b.takenAsIs));
    }

    /** Target columns whose values are their source column's values unchanged, with that source column, in target order. */
    Map<String, String> takenAsIs() {
        return takenAsIs;
    }

    /** The source column feeding {@code target}, or null when none does (a constant, or no such column). */
    String sourceOf(String target) {
        for (int i = 0; i < targetNames.length; i++) {
            if (targetNames[i].equals(target)) {
                return sourceNames[i];
            }
        }
        return null;
    }

    static Builder builder(TableId sourceTable, TableId targetTable) {
        return new Builder(sourceTable, targetTable);
    }

    /** The target columns a full mapped row carries, in target table order. */
    List<String> targetColumns() {
        return List.of(targetNames);
    }

    /**
     * Maps {@code source}.
     *
     * @param full true for a full row (after image): defaults are added; false for a before
     *     image, which may be partial: only the columns present are mapped
     * @throws MappingException naming the column when a value cannot be mapped, or the columns
     *     the mapping does not know
     */
    RowImage map(RowImage source, boolean full) throws MappingException {
        Map<String, Object> in = source.asMap();
        RowImage.Builder out = RowImage.builder(targetNames.length);
        int seen = 0;
        for (int i = 0; i < targetNames.length; i++) {
            String from = sourceNames[i];
            if (from == null) {
                if (full) {
                    out.put(targetNames[i], constants[i]);
                }
                continue;
            }
            Object value = in.getOrDefault(from, ABSENT);
            if (value != ABSENT) {
                seen++;
                out.put(targetNames[i], value == null ? null : apply(i, value));
            }
        }
        for (String unmapped : unmappedSourceNames) {
            if (in.containsKey(unmapped)) {
                seen++;
            }
        }
        if (seen != in.size()) {
            throw unknownColumns(source);
        }
        return out.build();
    }

    private Object apply(int slot, Object value) throws MappingException {
        try {
            return functions[slot].apply(value);
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            throw new MappingException("cannot map a row of " + sourceTable + " to " + targetTable,
                    List.of(new MappingProblem(locations[slot], descriptions[slot] + ": " + e.getMessage())), e);
        }
    }

    private MappingException unknownColumns(RowImage source) {
        List<String> unknown = new ArrayList<>();
        for (String column : source.columns()) {
            if (!knownSourceNames.contains(column)) {
                unknown.add(column);
            }
        }
        List<MappingProblem> problems = new ArrayList<>();
        for (String column : unknown) {
            problems.add(new MappingProblem("columns." + column, "a row of " + sourceTable + " has column '" + column
                    + "' that the mapping does not know; the table changed after the mapping was compiled, so restart"
                    + " the service to read the new schema and map the column (columns known: " + MappingText.list(knownSourceNames) + ")"));
        }
        return new MappingException("cannot map a row of " + sourceTable + " to " + targetTable, problems);
    }

    /** Collects the output columns in target order. Not thread-safe; used once by the compiler. */
    static final class Builder {
        private final TableId sourceTable;
        private final TableId targetTable;
        private final List<String> targetNames = new ArrayList<>();
        private final List<String> sourceNames = new ArrayList<>();
        private final List<ValueFunction> functions = new ArrayList<>();
        private final List<Object> constants = new ArrayList<>();
        private final List<String> locations = new ArrayList<>();
        private final List<String> descriptions = new ArrayList<>();
        private final List<String> unmapped = new ArrayList<>();
        private final Map<String, String> takenAsIs = new LinkedHashMap<>();

        private Builder(TableId sourceTable, TableId targetTable) {
            this.sourceTable = sourceTable;
            this.targetTable = targetTable;
        }

        /**
         * A target column fed by {@code source} through {@code function}; {@code asIs} when the
         * function returns every value unchanged (same type, no rule).
         */
        Builder mapped(String target, String source, ValueFunction function, String location, String description, boolean asIs) {
            if (asIs) {
                takenAsIs.put(target, source);
            }
            return add(target, source, function, null, location, description);
        }

        /** A target column set to {@code constant} in full images. */
        Builder constant(String target, Object constant) {
            return add(target, null, null, constant, null, null);
        }

        /** A source column that feeds no target column. */
        Builder unmapped(String source) {
            unmapped.add(source);
            return this;
        }

        private Builder add(String target, String source, ValueFunction function, Object constant, String location, String description) {
            targetNames.add(target);
            sourceNames.add(source);
            functions.add(function);
            constants.add(constant);
            locations.add(location);
            descriptions.add(description);
            return this;
        }

        ImagePlan build() {
            return new ImagePlan(this);
        }
    }
}
