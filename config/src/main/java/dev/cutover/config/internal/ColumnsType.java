package dev.cutover.config.internal;

import dev.cutover.core.mapping.ColumnRule;
import dev.cutover.core.mapping.Conversions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * A binding's {@code columns}: legacy column -> new column name (a rename) or a mapping object.
 * Reads into {@link ColumnRule}s and checks that no two legacy columns feed one new column.
 * Immutable and thread-safe.
 */
final class ColumnsType implements ValueType<List<ColumnRule>> {

    static final Key<String> TO = Key.optional("to", Types.string(), "The new column the legacy column becomes.")
            .withDefaultText("the legacy column's name");
    static final Key<Map<String, Text>> VALUES = Key.optional("values",
            new MapType<>(Types.text(), "map of legacy value -> new value", true),
            "Replaces legacy values with new values, both written as the file spells them (e.g. `A: active`);"
                    + " must not be empty.");
    static final Key<String> CONVERT = Key.optional("convert",
            ChoiceType.of(List.copyOf(Conversions.names()), name -> name, Map.of()),
            "A built-in conversion of the value (see the list of conversions); cannot be combined with `values`.");
    static final Key<Boolean> IGNORE = Key.withDefault("ignore", Types.bool(), false,
            "`true` when the legacy column has no counterpart and is not copied; cannot be combined with other keys. A column may be ignored before the legacy table has it, so adding it later is no schema drift.");

    static final Section SECTION = new Section("bindings[].columns.<legacy column>",
            "Each `columns` entry maps one legacy column, either to a new column name (`cust_nm: full_name`, a"
                    + " rename) or to an object with these keys. A legacy column without an entry maps to the new"
                    + " column of the same name.",
            List.of(TO, VALUES, CONVERT, IGNORE));

    private static final SectionType<ColumnRuleDraft> OBJECT = SectionType.of(SECTION, ColumnsType::assemble);

    @Override
    public String typeName() {
        return "map of legacy column -> new column or object";
    }

    @Override
    public String expected() {
        return "a map of legacy column -> new column name or mapping object";
    }

    @Override
    public String render(List<ColumnRule> value) {
        return value.isEmpty() ? "{}" : value.toString();
    }

    @Override
    public List<Section> sections() {
        return OBJECT.sections();
    }

    @Override
    public List<ColumnRule> read(Node node, String path, ParseContext ctx) {
        if (!(node instanceof MappingNode mapping)) {
            ctx.mismatch(node, path, expected());
            return null;
        }
        List<ColumnRule> rules = new ArrayList<>();
        Map<String, String> fedBy = new HashMap<>();
        boolean failed = false;
        for (Map.Entry<String, NodeTuple> e : Nodes.entries(mapping, path, ctx).entrySet()) {
            String columnPath = ConfigPaths.child(path, e.getKey());
            Node value = e.getValue().getValueNode();
            ColumnRule rule = rule(e.getKey(), value, columnPath, ctx);
            if (rule == null) {
                failed = true;
                continue;
            }
            String earlier = rule.ignored() ? null : fedBy.putIfAbsent(rule.newColumn(), e.getKey());
            if (earlier != null) {
                ctx.problem(value, columnPath, "new column '" + rule.newColumn() + "' is already fed by "
                        + ConfigPaths.child(path, earlier) + "; each new column takes one legacy column");
                failed = true;
            }
            rules.add(rule);
        }
        return failed || rules.size() != mapping.getValue().size() ? null : List.copyOf(rules);
    }

    private static ColumnRule rule(String legacyColumn, Node value, String path, ParseContext ctx) {
        if (Nodes.isString(value)) {
            String to = Types.string().read(value, path, ctx);
            return to == null ? null : ColumnRule.rename(legacyColumn, to);
        }
        if (value instanceof MappingNode) {
            ColumnRuleDraft draft = OBJECT.read(value, path, ctx);
            return draft == null ? null : draft.toRule(legacyColumn);
        }
        ctx.mismatch(value, path, "a new column name or a mapping object with keys " + String.join(", ", SECTION.names()));
        return null;
    }

    /** A checked mapping object, waiting for its legacy column's name. */
    private record ColumnRuleDraft(String to, Map<String, String> values, String convert, boolean ignore) {

        ColumnRule toRule(String legacyColumn) {
            return ignore ? ColumnRule.ignore(legacyColumn)
                    : new ColumnRule(legacyColumn, to != null ? to : legacyColumn, values, convert, false);
        }
    }

    private static ColumnRuleDraft assemble(Values v) {
        boolean ok = v.complete();
        if (Boolean.TRUE.equals(v.get(IGNORE))) {
            List<String> others = SECTION.keys().stream().filter(k -> k != IGNORE && v.isSet(k)).map(Key::name).toList();
            if (!others.isEmpty()) {
                v.problem(IGNORE, "ignore: true cannot be combined with " + String.join(", ", others)
                        + "; an ignored column is not copied");
                ok = false;
            }
        } else if (v.isSet(VALUES) && v.isSet(CONVERT)) {
            v.problem(CONVERT, "cannot be combined with " + v.pathOf(VALUES) + "; use a value map or a conversion");
            ok = false;
        } else if (v.isEmpty()) {
            v.problem("an empty mapping object does nothing; give " + String.join(", ", SECTION.names())
                    + ", or write the new column's name");
            ok = false;
        }
        if (!ok) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (v.get(VALUES) != null) {
            v.get(VALUES).forEach((from, to) -> values.put(from, to.value()));
        }
        return new ColumnRuleDraft(v.get(TO), values, v.get(CONVERT), v.get(IGNORE));
    }
}
