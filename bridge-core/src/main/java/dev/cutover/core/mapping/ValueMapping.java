package dev.cutover.core.mapping;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A column's value map compiled to the canonical types of its two columns: keys to the legacy
 * column's type, values to the new column's type, and the inverse when the map is one-to-one.
 * Immutable and thread-safe once compiled.
 */
final class ValueMapping {

    private final ValueFunction forward;
    private final ValueFunction inverse;
    private final MappingProblem inversionProblem;

    private ValueMapping(ValueFunction forward, ValueFunction inverse, MappingProblem inversionProblem) {
        this.forward = forward;
        this.inverse = inverse;
        this.inversionProblem = inversionProblem;
    }

    /** Legacy value to new value; a value missing from the map is refused. */
    ValueFunction forward() {
        return forward;
    }

    /** New value to legacy value, or null when the map is many-to-one. */
    ValueFunction inverse() {
        return inverse;
    }

    /** Why the map does not invert, or null when it does. */
    MappingProblem inversionProblem() {
        return inversionProblem;
    }

    /**
     * Compiles {@code declared}; returns null after adding to {@code problems} when an entry does
     * not fit its column.
     */
    static ValueMapping compile(Map<String, String> declared, ColumnDef legacy, TableId legacyTable, ColumnDef target,
            TableId newTable, String location, List<MappingProblem> problems) {
        Entries entries = new Entries(legacy, legacyTable, target, newTable, location, problems);
        declared.forEach(entries::add);
        if (entries.failed) {
            return null;
        }
        ValueFunction forward = new Lookup(entries.lookup, legacy.type(), "value map of '" + legacy.name() + "'", declared.keySet());
        MappingProblem collisions = collisions(entries.keysByValue, declared, entries.subject, location);
        ValueFunction inverse = collisions != null ? null
                : new Lookup(entries.reverse, target.type(), "inverse value map of '" + legacy.name() + "'", declared.values());
        return new ValueMapping(forward, inverse, collisions);
    }

    /** The declared entries read as canonical values, both ways; not thread-safe, used while compiling. */
    private static final class Entries {
        private final ColumnDef legacy;
        private final ColumnDef target;
        private final String targetText;
        private final String subject;
        private final String location;
        private final List<MappingProblem> problems;
        private final Map<Object, Object> lookup = new HashMap<>();
        private final Map<Object, Object> reverse = new HashMap<>();
        private final Map<Object, String> keyText = new HashMap<>();
        private final Map<Object, List<String>> keysByValue = new LinkedHashMap<>();
        private boolean failed;

        Entries(ColumnDef legacy, TableId legacyTable, ColumnDef target, TableId newTable, String location, List<MappingProblem> problems) {
            this.legacy = legacy;
            this.target = target;
            this.targetText = "new column " + MappingText.column(target, newTable);
            this.subject = "value map of legacy column " + MappingText.column(legacy, legacyTable);
            this.location = location;
            this.problems = problems;
        }

        void add(String keyText, String valueText) {
            if (keyText == null || valueText == null) {
                fail(subject + " maps null; null always maps to null, so leave it out");
                return;
            }
            Object key = read("key", keyText, legacy.type(), "the legacy column");
            Object value = read("value", valueText, target.type(), targetText);
            if (key == null || value == null) {
                return;
            }
            String earlier = this.keyText.putIfAbsent(normalize(key), keyText);
            if (earlier != null) {
                fail(subject + " has keys '" + earlier + "' and '" + keyText + "' that both mean " + key);
                return;
            }
            lookup.put(normalize(key), value);
            reverse.put(normalize(value), key);
            keysByValue.computeIfAbsent(normalize(value), v -> new ArrayList<>()).add(keyText);
        }

        private Object read(String role, String text, ColumnType type, String column) {
            try {
                return ValueCoercion.coerce(text, type);
            } catch (IllegalArgumentException e) {
                fail(subject + ": " + role + " '" + text + "' does not fit " + column + " (" + e.getMessage() + ")");
                return null;
            }
        }

        private void fail(String message) {
            problems.add(new MappingProblem(location, message));
            failed = true;
        }
    }

    private static MappingProblem collisions(Map<Object, List<String>> keysByValue, Map<String, String> declared, String subject,
            String location) {
        StringBuilder sb = new StringBuilder();
        for (List<String> keys : keysByValue.values()) {
            if (keys.size() > 1) {
                sb.append(sb.length() == 0 ? "" : "; ");
                keys.forEach(k -> sb.append('\'').append(k).append("', "));
                sb.setLength(sb.length() - 2);
                sb.append(" -> '").append(declared.get(keys.get(0))).append('\'');
            }
        }
        if (sb.length() == 0) {
            return null;
        }
        return new MappingProblem(location, subject + " is many-to-one (" + sb
                + "), so a new value cannot tell which legacy value to write back");
    }

    /** Decimals compare by value ({@code 1.50} is {@code 1.5}), as {@code RowImage} does. */
    static Object normalize(Object value) {
        return value instanceof BigDecimal d ? d.stripTrailingZeros() : value;
    }

    /** One direction of a value map; a value the map does not know is refused, never passed through. */
    private static final class Lookup implements ValueFunction {
        private final Map<Object, Object> table;
        private final ColumnType sourceType;
        private final String name;
        private final String known;

        Lookup(Map<Object, Object> table, ColumnType sourceType, String name, Collection<String> known) {
            this.table = Map.copyOf(table);
            this.sourceType = sourceType;
            this.name = name;
            this.known = MappingText.list(known);
        }

        @Override
        public Object apply(Object value) {
            Object mapped = table.get(normalize(value));
            if (mapped != null) {
                return mapped;
            }
            // a source may deliver another numeric class than the canonical one (Short for INT32)
            Object coerced = coerceQuietly(value);
            mapped = coerced == null ? null : table.get(normalize(coerced));
            if (mapped != null) {
                return mapped;
            }
            throw new IllegalArgumentException(ValueCoercion.describe(value) + " is not in the " + name + " (known: " + known + ")");
        }

        private Object coerceQuietly(Object value) {
            try {
                return ValueCoercion.coerce(value, sourceType);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
