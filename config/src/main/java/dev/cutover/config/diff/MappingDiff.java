package dev.cutover.config.diff;

import dev.cutover.core.mapping.ColumnRule;
import dev.cutover.core.mapping.TableMappingSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What differs between two declared mappings: the tables, and the rules that map rows between them.
 * Details name columns and keys, never values, which a custom mapper's options may hold secretly.
 */
final class MappingDiff {

    private MappingDiff() {
    }

    /** One {@link Aspect#TABLES} change per table that differs; {@code path} is the binding's path. */
    static List<SettingChange> tables(TableMappingSpec running, TableMappingSpec next, String path) {
        List<SettingChange> out = new ArrayList<>();
        if (!running.legacyTable().equals(next.legacyTable())) {
            out.add(new SettingChange(Aspect.TABLES, path + ".legacy", "legacy " + running.legacyTable() + " -> " + next.legacyTable()));
        }
        if (!running.newTable().equals(next.newTable())) {
            out.add(new SettingChange(Aspect.TABLES, path + ".new", "new " + running.newTable() + " -> " + next.newTable()));
        }
        return out;
    }

    /** One {@link Aspect#MAPPING} change per part of the mapping that differs, tables aside. */
    static List<SettingChange> rules(TableMappingSpec running, TableMappingSpec next, String path) {
        List<SettingChange> out = new ArrayList<>();
        if (!running.key().equals(next.key())) {
            out.add(mapping(path + ".key", "key " + keyText(running.key()) + " -> " + keyText(next.key())));
        }
        String columns = namedChanges("columns", byName(running.columns()), byName(next.columns()));
        if (!columns.isEmpty()) {
            out.add(mapping(path + ".columns", columns));
        }
        String defaults = namedChanges("defaults", running.newDefaults(), next.newDefaults());
        if (!defaults.isEmpty()) {
            out.add(mapping(path + ".defaults", defaults));
        }
        String legacyDefaults = namedChanges("legacy-defaults", running.legacyDefaults(), next.legacyDefaults());
        if (!legacyDefaults.isEmpty()) {
            out.add(mapping(path + ".legacy-defaults", legacyDefaults));
        }
        if (!Objects.equals(running.customMapper(), next.customMapper())) {
            out.add(mapping(path + ".mapper.class", "mapper " + orNone(running.customMapper()) + " -> " + orNone(next.customMapper())));
        }
        if (!running.customOptions().equals(next.customOptions())) {
            out.add(mapping(path + ".mapper.options", "mapper options"));
        }
        return out;
    }

    private static SettingChange mapping(String path, String detail) {
        return new SettingChange(Aspect.MAPPING, path, detail);
    }

    private static String keyText(List<String> key) {
        return key.isEmpty() ? "primary key" : key.toString();
    }

    private static String orNone(String s) {
        return s == null ? "none" : s;
    }

    private static Map<String, ColumnRule> byName(List<ColumnRule> rules) {
        return rules.stream().collect(Collectors.toMap(ColumnRule::legacyColumn, Function.identity(), (a, b) -> b,
                LinkedHashMap::new));
    }

    /**
     * {@code <what> added: a, b; <what> removed: c; <what> changed: d} for the entries that differ by
     * name, in the order of {@code next} (removed ones in the order of {@code running}); empty when none differ.
     */
    static String namedChanges(String what, Map<String, ?> running, Map<String, ?> next) {
        List<String> parts = new ArrayList<>();
        part(parts, what + " added", next.keySet().stream().filter(k -> !running.containsKey(k)).toList());
        part(parts, what + " removed", running.keySet().stream().filter(k -> !next.containsKey(k)).toList());
        part(parts, what + " changed", next.keySet().stream()
                .filter(k -> running.containsKey(k) && !Objects.equals(running.get(k), next.get(k))).toList());
        return String.join("; ", parts);
    }

    private static void part(List<String> parts, String label, List<String> names) {
        if (!names.isEmpty()) {
            parts.add(label + ": " + String.join(", ", names));
        }
    }
}
