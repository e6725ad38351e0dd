package dev.cutover.core.mapping;

import dev.cutover.core.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides a binding's legacy key (the configured key or the legacy primary key) and checks that
 * it maps onto exactly the new table's key.
 */
final class KeyResolver {

    private static final String LOCATION = "key";

    private KeyResolver() {
    }

    /**
     * Returns the legacy key columns in key order, or null after adding to {@code problems}.
     *
     * @param plans every legacy column's plan that compiled, by legacy column name
     */
    static List<String> resolve(List<String> configured, TableSchema legacy, TableSchema newTable, Map<String, ColumnPlan> plans,
            List<MappingProblem> problems) {
        List<String> key = configured.isEmpty() ? legacy.keyColumns() : configured;
        if (key.isEmpty()) {
            problems.add(new MappingProblem(LOCATION, legacy.table() + " has no primary key; name the legacy key columns"
                    + " (columns: " + MappingText.list(legacy.columnNames()) + ")"));
            return null;
        }
        if (new HashSet<>(key).size() != key.size()) {
            problems.add(new MappingProblem(LOCATION, "key " + key + " of " + legacy.table() + " names a column twice"));
            return null;
        }
        List<String> mapped = new ArrayList<>(key.size());
        boolean complete = true;
        for (String column : key) {
            String target = mappedKeyColumn(column, legacy, plans, problems);
            complete &= target != null;
            mapped.add(target);
        }
        if (!complete) {
            return null;
        }
        Set<String> expected = new LinkedHashSet<>(newTable.keyColumns());
        if (!new HashSet<>(mapped).equals(expected)) {
            String actual = expected.isEmpty() ? newTable.table() + " has no primary key"
                    : "the key of " + newTable.table() + " is " + expected;
            problems.add(new MappingProblem(LOCATION, "key " + key + " of " + legacy.table() + " maps to " + mapped
                    + " but " + actual + "; the mapped key must be exactly the new table's key"));
            return null;
        }
        return List.copyOf(key);
    }

    private static String mappedKeyColumn(String column, TableSchema legacy, Map<String, ColumnPlan> plans,
            List<MappingProblem> problems) {
        if (legacy.column(column).isEmpty()) {
            problems.add(new MappingProblem(LOCATION, "key column '" + column + "' does not exist in " + MappingText.tableWithColumns(legacy)));
            return null;
        }
        ColumnPlan plan = plans.get(column);
        if (plan == null) {
            return null; // its rule has a problem of its own, already reported
        }
        if (plan.isIgnored()) {
            problems.add(new MappingProblem(LOCATION, "key column '" + column + "' of " + legacy.table()
                    + " is ignored; every key column must map to a key column of the new table"));
            return null;
        }
        return plan.target().name();
    }
}
