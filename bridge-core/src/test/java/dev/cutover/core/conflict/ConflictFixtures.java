package dev.cutover.core.conflict;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows and changes of one table keyed by {@code id}, in the target's terms (both systems use the
 * same column names here, so a change reads the same at either target).
 */
final class ConflictFixtures {

    static final String BINDING = "accounts";
    static final TableId TABLE = new TableId("app", "accounts");
    static final List<String> KEY = List.of("id");
    static final Instant COMMIT = Instant.parse("2024-05-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:05Z"), ZoneOffset.UTC);

    private ConflictFixtures() {
    }

    /** A row from alternating column names and values, in that order; values may be null. */
    static RowImage row(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("row needs name/value pairs");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return RowImage.of(values);
    }

    /** {@code base} with the given columns replaced or added. */
    static RowImage with(RowImage base, Object... namesAndValues) {
        Map<String, Object> values = new LinkedHashMap<>(base.asMap());
        values.putAll(row(namesAndValues).asMap());
        return RowImage.of(values);
    }

    /** {@code base} without the given columns. */
    static RowImage without(RowImage base, String... columns) {
        Map<String, Object> values = new LinkedHashMap<>(base.asMap());
        for (String column : columns) {
            values.remove(column);
        }
        return RowImage.of(values);
    }

    static SourcePosition lsn(String value) {
        return new SourcePosition("lsn", value);
    }

    /** A change of {@code operation} made at {@code origin}: creates and reads use {@code after}, deletes {@code before}. */
    static ChangeEvent change(SystemSide origin, Operation operation, RowImage before, RowImage after, String position) {
        return new ChangeEvent(origin, TABLE, operation, KEY, before, after, COMMIT, lsn(position),
                operation == Operation.READ ? null : "tx-" + position);
    }

    static ChangeEvent create(SystemSide origin, RowImage after, String position) {
        return change(origin, Operation.CREATE, null, after, position);
    }

    static ChangeEvent read(SystemSide origin, RowImage after, String position) {
        return change(origin, Operation.READ, null, after, position);
    }

    static ChangeEvent update(SystemSide origin, RowImage before, RowImage after, String position) {
        return change(origin, Operation.UPDATE, before, after, position);
    }

    static ChangeEvent delete(SystemSide origin, RowImage before, String position) {
        return change(origin, Operation.DELETE, before, null, position);
    }

    /** The row a target holds after writing {@code write} over {@code row}: an upsert of the after image, or nothing after a delete. */
    static RowImage written(RowImage row, ChangeEvent write) {
        if (write.operation() == Operation.DELETE) {
            return null;
        }
        return row == null ? write.after() : with(row, flatten(write.after()));
    }

    static RowImage writtenAll(RowImage row, List<ChangeEvent> writes) {
        RowImage result = row;
        for (ChangeEvent write : writes) {
            result = written(result, write);
        }
        return result;
    }

    private static Object[] flatten(RowImage row) {
        Object[] pairs = new Object[row.size() * 2];
        int i = 0;
        for (Map.Entry<String, Object> column : row.asMap().entrySet()) {
            pairs[i++] = column.getKey();
            pairs[i++] = column.getValue();
        }
        return pairs;
    }

    static ConflictSpec spec(ConflictPolicy policy, ConflictPolicy fallback) {
        return new ConflictSpec(policy, null, fallback, null, Map.of(), false);
    }

    static ConflictSpec newestWins(String column, ConflictPolicy fallback) {
        return new ConflictSpec(ConflictPolicy.NEWEST_WINS, column, fallback, null, Map.of(), false);
    }

    /** A check at {@code target} with the built-in resolver {@code spec} names. */
    static ConflictCheck check(ConflictSpec spec, SystemSide target) {
        return new ConflictCheck(BINDING, target, spec.policy(), ConflictResolvers.create(spec, target, spec.column()), CLOCK);
    }
}
