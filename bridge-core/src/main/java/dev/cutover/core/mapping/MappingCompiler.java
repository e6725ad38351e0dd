package dev.cutover.core.mapping;

import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Compiles a {@link TableMappingSpec} against the real schemas of its two tables, collecting every
 * problem before failing. One instance compiles one spec; not thread-safe.
 */
final class MappingCompiler {

    private final TableMappingSpec spec;
    private final TableSchema legacy;
    private final TableSchema newTable;
    private final List<MappingProblem> problems = new ArrayList<>();
    private final List<MappingProblem> inversionProblems = new ArrayList<>();
    private final ColumnCompiler columns;
    /** Legacy columns whose rule compiled, in legacy order. */
    private final Map<String, ColumnPlan> plans = new LinkedHashMap<>();
    /** New column -> the legacy column that feeds it (also when that column's rule failed). */
    private final Map<String, String> newFedBy = new LinkedHashMap<>();
    /** Legacy columns the binding ignores before they exist, so that adding one later is no drift. */
    private final Set<String> ignoredAbsent = new LinkedHashSet<>();

    private MappingCompiler(TableMappingSpec spec, TableSchema legacy, TableSchema newTable) {
        this.spec = spec;
        this.legacy = legacy;
        this.newTable = newTable;
        this.columns = new ColumnCompiler(legacy.table(), newTable.table(), problems, inversionProblems);
    }

    static TableMapping compile(TableMappingSpec spec, TableSchema legacy, TableSchema newTable) throws MappingException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(legacy, "legacy");
        Objects.requireNonNull(newTable, "newTable");
        if (!spec.legacyTable().equals(legacy.table()) || !spec.newTable().equals(newTable.table())) {
            throw new IllegalArgumentException("mapping " + spec.legacyTable() + " -> " + spec.newTable()
                    + " was given the schemas of " + legacy.table() + " and " + newTable.table());
        }
        return new MappingCompiler(spec, legacy, newTable).compile();
    }

    private TableMapping compile() throws MappingException {
        Map<String, ColumnRule> rules = indexRules();
        for (ColumnDef column : legacy.columns()) {
            compileColumn(column, rules.get(column.name()));
        }
        Map<String, Object> newDefaults = new DefaultsCompiler("defaults", "new", "legacy", newTable, problems)
                .compile(spec.newDefaults(), newFedBy);
        Map<String, Object> legacyDefaults = new DefaultsCompiler("legacy-defaults", "legacy", "new", legacy, problems)
                .compile(spec.legacyDefaults(), legacyFedBy());
        List<String> legacyKey = KeyResolver.resolve(spec.key(), legacy, newTable, plans, problems);
        TableSchema keyedLegacy = legacyKey == null ? legacy : legacy.withKey(legacyKey);
        boolean hasMapper = spec.customMapper() != null && !spec.customMapper().isBlank();
        CustomRowMapper mapper = CustomMapperLoader.load(spec.customMapper(), spec.customOptions(), keyedLegacy, newTable, problems);
        List<String> newLeftToMapper = newColumnsFedByNothing(hasMapper);
        List<String> legacyLeftToMapper = legacyColumnsFilledByNothing(hasMapper);
        if (!problems.isEmpty()) {
            throw new MappingException("mapping " + legacy.table() + " -> " + newTable.table() + " does not fit the tables", problems);
        }
        boolean invertible = inversionProblems.isEmpty();
        CustomStage custom = mapper == null ? null
                : new CustomStage(mapper, spec.customMapper(), keyedLegacy, newTable, newLeftToMapper, legacyLeftToMapper);
        return new TableMapping(keyedLegacy, newTable, forwardPlan(newDefaults), invertible ? inversePlan(legacyDefaults) : null,
                custom, inversionProblems, nonNullKeys(newDefaults), nonNullKeys(legacyDefaults), ignoredAbsent, summary(invertible));
    }

    private Map<String, ColumnRule> indexRules() {
        Map<String, ColumnRule> rules = new LinkedHashMap<>();
        for (ColumnRule rule : spec.columns()) {
            String location = "columns." + rule.legacyColumn();
            if (legacy.column(rule.legacyColumn()).isEmpty() && isPlainIgnore(rule)) {
                if (!ignoredAbsent.add(rule.legacyColumn())) {
                    problems.add(new MappingProblem(location, "legacy column '" + rule.legacyColumn() + "' of " + legacy.table()
                            + " has more than one rule; give each legacy column one"));
                }
            } else if (legacy.column(rule.legacyColumn()).isEmpty()) {
                problems.add(new MappingProblem(location, "legacy column '" + rule.legacyColumn() + "' does not exist in "
                        + MappingText.tableWithColumns(legacy)));
            } else if (rules.putIfAbsent(rule.legacyColumn(), rule) != null) {
                problems.add(new MappingProblem(location, "legacy column '" + rule.legacyColumn() + "' of " + legacy.table()
                        + " has more than one rule; give each legacy column one"));
            }
        }
        return rules;
    }

    private static boolean isPlainIgnore(ColumnRule rule) {
        return rule.ignored() && rule.newColumn() == null && rule.values().isEmpty() && rule.conversion() == null;
    }

    private void compileColumn(ColumnDef column, ColumnRule rule) {
        String location = "columns." + column.name();
        if (rule != null && rule.ignored()) {
            if (rule.newColumn() != null || !rule.values().isEmpty() || rule.conversion() != null) {
                problems.add(new MappingProblem(location, "legacy column " + MappingText.column(column, legacy.table())
                        + " is ignored but also names a new column, value map or conversion; an ignored column maps to nothing"));
            }
            plans.put(column.name(), ColumnPlan.ignored(column));
            return;
        }
        String targetName = rule == null ? column.name() : rule.newColumn();
        Optional<ColumnDef> target = newTable.column(targetName);
        if (target.isEmpty()) {
            problems.add(new MappingProblem(location, rule == null
                    ? "legacy column " + MappingText.column(column, legacy.table()) + " has no column of the same name in "
                            + MappingText.tableWithColumns(newTable) + "; map it onto a new column or ignore it"
                    : "new column '" + targetName + "' for legacy column '" + column.name() + "' does not exist in "
                            + MappingText.tableWithColumns(newTable)));
            return;
        }
        String earlier = newFedBy.putIfAbsent(targetName, column.name());
        if (earlier != null) {
            problems.add(new MappingProblem(location, "legacy columns '" + earlier + "' and '" + column.name()
                    + "' both feed new column '" + targetName + "' of " + newTable.table() + "; a new column takes one legacy column"));
            return;
        }
        ColumnPlan plan = columns.compile(rule, column, target.get());
        if (plan != null) {
            plans.put(column.name(), plan);
        }
    }

    private Map<String, String> legacyFedBy() {
        Map<String, String> fedBy = new LinkedHashMap<>();
        newFedBy.forEach((newColumn, legacyColumn) -> fedBy.put(legacyColumn, newColumn));
        return fedBy;
    }

    /** New columns no legacy column and no default feeds: the mapper's job, or a problem. */
    private List<String> newColumnsFedByNothing(boolean hasMapper) {
        List<String> left = new ArrayList<>();
        for (ColumnDef column : newTable.columns()) {
            if (newFedBy.containsKey(column.name()) || spec.newDefaults().containsKey(column.name())) {
                continue;
            }
            if (hasMapper) {
                left.add(column.name());
            } else {
                problems.add(new MappingProblem("defaults." + column.name(), "new column " + MappingText.column(column, newTable.table())
                        + " is fed by no legacy column; map a legacy column onto it or give it a default"
                        + " (null leaves it to the database's column default)"));
            }
        }
        return left;
    }

    /** Ignored NOT NULL legacy columns without a legacy default: the mapper's job, or not invertible. */
    private List<String> legacyColumnsFilledByNothing(boolean hasMapper) {
        List<String> left = new ArrayList<>();
        for (ColumnPlan plan : plans.values()) {
            ColumnDef column = plan.legacy();
            if (!plan.isIgnored() || column.nullable() || spec.legacyDefaults().containsKey(column.name())) {
                continue;
            }
            if (hasMapper) {
                left.add(column.name());
            } else {
                inversionProblems.add(new MappingProblem("legacy-defaults." + column.name(), "legacy column "
                        + MappingText.column(column, legacy.table()) + " is ignored and NOT NULL, so a row coming from "
                        + newTable.table() + " cannot fill it; give it a legacy default (null leaves it to the database's column default)"));
            }
        }
        return left;
    }

    private ImagePlan forwardPlan(Map<String, Object> newDefaults) {
        ImagePlan.Builder plan = ImagePlan.builder(legacy.table(), newTable.table());
        for (ColumnDef column : newTable.columns()) {
            String from = newFedBy.get(column.name());
            if (from != null) {
                ColumnPlan p = plans.get(from);
                plan.mapped(column.name(), from, p.forward(), p.location(),
                        "legacy column '" + from + "' -> new column '" + column.name() + "'", p.takenAsIs());
            } else if (newDefaults.get(column.name()) != null) {
                plan.constant(column.name(), newDefaults.get(column.name()));
            }
        }
        plans.values().stream().filter(ColumnPlan::isIgnored).forEach(p -> plan.unmapped(p.legacy().name()));
        ignoredAbsent.forEach(plan::unmapped);
        return plan.build();
    }

    private ImagePlan inversePlan(Map<String, Object> legacyDefaults) {
        ImagePlan.Builder plan = ImagePlan.builder(newTable.table(), legacy.table());
        for (ColumnPlan p : plans.values()) {
            String to = p.legacy().name();
            if (!p.isIgnored()) {
                plan.mapped(to, p.target().name(), p.inverse(), p.location(),
                        "new column '" + p.target().name() + "' -> legacy column '" + to + "'", p.takenAsIs());
            } else if (legacyDefaults.get(to) != null) {
                plan.constant(to, legacyDefaults.get(to));
            }
        }
        newTable.columnNames().stream().filter(c -> !newFedBy.containsKey(c)).forEach(plan::unmapped);
        return plan.build();
    }

    private static Set<String> nonNullKeys(Map<String, Object> defaults) {
        Set<String> keys = new LinkedHashSet<>();
        defaults.forEach((column, value) -> {
            if (value != null) {
                keys.add(column);
            }
        });
        return keys;
    }

    /** E.g. {@code public.a -> public.b: 5 columns (2 renamed, 1 value map, 1 conversion, 1 ignored), 1 default}. */
    private String summary(boolean invertible) {
        Map<ColumnPlan.Kind, Integer> counts = new EnumMap<>(ColumnPlan.Kind.class);
        plans.values().forEach(p -> counts.merge(p.kind(), 1, Integer::sum));
        StringJoiner kinds = new StringJoiner(", ", " (", ")");
        counts.forEach((kind, n) -> kinds.add(kind == ColumnPlan.Kind.VALUE_MAP || kind == ColumnPlan.Kind.CONVERSION
                ? MappingText.count(n, kind.label()) : n + " " + kind.label()));
        StringBuilder sb = new StringBuilder().append(legacy.table()).append(" -> ").append(newTable.table()).append(": ")
                .append(MappingText.count(plans.size(), "column")).append(kinds);
        if (!ignoredAbsent.isEmpty()) {
            sb.append(", ").append(ignoredAbsent.size()).append(" ignored before it exists ").append(ignoredAbsent);
        }
        if (!spec.newDefaults().isEmpty()) {
            sb.append(", ").append(MappingText.count(spec.newDefaults().size(), "default"));
        }
        if (!spec.legacyDefaults().isEmpty()) {
            sb.append(", ").append(MappingText.count(spec.legacyDefaults().size(), "legacy default"));
        }
        if (spec.customMapper() != null) {
            sb.append(", custom mapper ").append(spec.customMapper());
        }
        return invertible ? sb.toString() : sb.append("; one-way only (not invertible)").toString();
    }
}
