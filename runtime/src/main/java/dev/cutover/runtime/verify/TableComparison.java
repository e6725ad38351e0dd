package dev.cutover.runtime.verify;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.mapping.MappingException;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.jdbc.JdbcRowReader;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a new table with its legacy table seen through the binding's mapping: every legacy
 * row mapped onto the new table must be there, equal, and nothing else. {@link #compare} reads
 * both tables whole, for the demo, the benchmark and tests; {@link #drift} streams the new table
 * and keeps only the mapped legacy rows in memory, for {@code cutover verify}.
 */
public final class TableComparison {

    private TableComparison() {
    }

    /**
     * The differences between the mapped legacy table and the new table.
     *
     * @throws MappingException when a legacy row cannot be mapped (that row is drift the
     *     pipeline would have dead-lettered)
     */
    public static Result compare(TableMapping mapping, JdbcRowReader legacy, JdbcRowReader neu)
            throws SQLException, MappingException {
        Map<RowImage, RowImage> expected = new LinkedHashMap<>();
        for (RowImage row : legacy.readAll(mapping.legacySchema())) {
            RowImage mapped = mapping.rowToNew(row);
            expected.put(mapped.project(mapping.newKeyColumns()), mapped);
        }
        List<RowImage> differing = new ArrayList<>();
        List<RowImage> unexpected = new ArrayList<>();
        int actualRows = 0;
        for (RowImage row : neu.readAll(mapping.newSchema())) {
            actualRows++;
            RowImage key = row.project(mapping.newKeyColumns());
            RowImage want = expected.remove(key);
            if (want == null) {
                unexpected.add(key);
            } else if (!want.equals(row.project(List.copyOf(want.columns())))) {
                differing.add(key);
            }
        }
        return new Result(actualRows, List.copyOf(expected.keySet()), unexpected, differing);
    }

    /**
     * Counts how the new table differs from the mapped legacy table and keeps up to {@code limit}
     * examples of each kind, with the differing columns and both values. Only the columns a legacy
     * column feeds are compared: a constant from {@code defaults} is written on insert only and
     * says nothing about whether the two sides agree. A legacy row the mapping cannot map is
     * counted as {@link Drift.Kind#UNMAPPABLE} instead of failing the comparison.
     *
     * @param limit how many examples of each kind to keep; 0 for counts only
     * @throws SQLException when either table cannot be read
     */
    public static Drift drift(TableMapping mapping, JdbcRowReader legacy, JdbcRowReader neu, int limit) throws SQLException {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 or more, got " + limit);
        }
        DriftCollector collector = new DriftCollector(mapping, limit);
        long legacyRows = legacy.forEachRow(mapping.legacySchema(), collector::expect);
        long newRows = neu.forEachRow(mapping.newSchema(), collector::check);
        return collector.finish(legacyRows, newRows);
    }

    /**
     * @param newRows rows in the new table
     * @param missing keys of mapped legacy rows the new table lacks
     * @param unexpected keys of new rows no legacy row maps to
     * @param differing keys present on both sides with different values
     */
    public record Result(int newRows, List<RowImage> missing, List<RowImage> unexpected, List<RowImage> differing) {

        /** True when the new table equals the mapped legacy table. */
        public boolean inSync() {
            return missing.isEmpty() && unexpected.isEmpty() && differing.isEmpty();
        }

        /** One line for people: counts and the first few keys of each kind. */
        public String describe() {
            if (inSync()) {
                return "in sync: " + newRows + " rows equal the mapped legacy rows";
            }
            return "drift: " + missing.size() + " missing " + head(missing) + ", " + unexpected.size() + " unexpected "
                    + head(unexpected) + ", " + differing.size() + " differing " + head(differing);
        }

        private static String head(List<RowImage> keys) {
            return keys.subList(0, Math.min(3, keys.size())).toString();
        }
    }
}
