package dev.cutover.core.mapping;

import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the constants of one side ({@code defaults} for new columns, {@code legacy-defaults}
 * for legacy columns) and coerces them to their columns' types.
 */
final class DefaultsCompiler {

    private final String section;
    private final String side;
    private final String otherSide;
    private final TableSchema schema;
    private final List<MappingProblem> problems;

    /**
     * @param section the configuration key, {@code defaults} or {@code legacy-defaults}
     * @param side {@code new} or {@code legacy}: whose columns the defaults are for
     * @param otherSide the side that feeds those columns
     */
    DefaultsCompiler(String section, String side, String otherSide, TableSchema schema, List<MappingProblem> problems) {
        this.section = section;
        this.side = side;
        this.otherSide = otherSide;
        this.schema = schema;
        this.problems = problems;
    }

    /**
     * Returns the defaults that fit, coerced, in the configuration's order; a null value stays
     * null (the column is left to the database).
     *
     * @param feeders for every column of this side fed by a column of the other side, that column
     */
    Map<String, Object> compile(Map<String, Object> declared, Map<String, String> feeders) {
        Map<String, Object> compiled = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : declared.entrySet()) {
            String location = section + "." + e.getKey();
            Optional<ColumnDef> column = schema.column(e.getKey());
            if (column.isEmpty()) {
                problems.add(new MappingProblem(location, side + " column '" + e.getKey() + "' does not exist in "
                        + MappingText.tableWithColumns(schema)));
            } else if (feeders.containsKey(e.getKey())) {
                problems.add(new MappingProblem(location, side + " column " + MappingText.column(column.get(), schema.table())
                        + " is fed by " + otherSide + " column '" + feeders.get(e.getKey()) + "'; a default is only for " + side
                        + " columns that no " + otherSide + " column feeds"));
            } else {
                coerce(location, column.get(), e.getValue(), compiled);
            }
        }
        return compiled;
    }

    private void coerce(String location, ColumnDef column, Object value, Map<String, Object> compiled) {
        try {
            compiled.put(column.name(), ValueCoercion.coerce(value, column.type()));
        } catch (IllegalArgumentException ex) {
            problems.add(new MappingProblem(location, "default for " + side + " column " + MappingText.column(column, schema.table())
                    + " does not fit: " + ex.getMessage()));
        }
    }
}
