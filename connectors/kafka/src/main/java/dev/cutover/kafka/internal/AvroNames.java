package dev.cutover.kafka.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns database names into names the Avro specification allows: {@code [A-Za-z_][A-Za-z0-9_]*}.
 * Every other character becomes {@code _}; a name that would start with a digit (or be empty)
 * gets a leading {@code _}.
 *
 * <p>Stateless and thread-safe.
 */
public final class AvroNames {

    private AvroNames() {
    }

    /** {@code name} made a valid Avro name; unchanged when it already is one. */
    public static String sanitize(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(isNameChar(c) ? c : '_');
        }
        if (sb.length() == 0 || (sb.charAt(0) >= '0' && sb.charAt(0) <= '9')) {
            sb.insert(0, '_');
        }
        return sb.toString();
    }

    /** True when {@code name} is a valid Avro name as it is. */
    public static boolean isValid(String name) {
        return sanitize(name).equals(name);
    }

    /**
     * A valid dotted namespace: each dot-separated part sanitised.
     */
    public static String namespace(String... parts) {
        List<String> sanitized = new ArrayList<>();
        for (String part : parts) {
            for (String piece : part.split("\\.", -1)) {
                sanitized.add(sanitize(piece));
            }
        }
        return String.join(".", sanitized);
    }

    /**
     * Field names for {@code columns}, in order: each sanitised, and made unique by appending
     * {@code _2}, {@code _3}, ... when two columns sanitise to the same name (e.g. {@code a-b}
     * and {@code a_b}). Columns whose names are valid keep them; collisions are resolved in favour
     * of the earlier column.
     */
    public static List<String> fieldNames(List<String> columns) {
        Set<String> taken = new HashSet<>();
        for (String column : columns) {
            if (isValid(column)) {
                taken.add(column);
            }
        }
        List<String> names = new ArrayList<>(columns.size());
        Set<String> used = new HashSet<>();
        for (String column : columns) {
            String name = column;
            if (!isValid(column)) {
                String base = sanitize(column);
                name = base;
                for (int n = 2; taken.contains(name) || used.contains(name); n++) {
                    name = base + "_" + n;
                }
            }
            used.add(name);
            names.add(name);
        }
        return names;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
