package dev.cutover.config.internal;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.batch.BatchSpec;
import dev.cutover.core.binding.Direction;
import dev.cutover.core.binding.NoSyncStrategy;
import dev.cutover.core.binding.SyncMode;
import dev.cutover.core.conflict.ConflictSpec;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.ColumnRule;
import dev.cutover.core.mapping.TableMappingSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** One element of {@code bindings}: declarations, checks within the binding, and assembly. Stateless. */
final class BindingSection {

    static final String NAME_PATTERN = "[a-z][a-z0-9_]{0,62}";

    static final Key<String> NAME = Key.optional("name", Types.string(),
            "Unique binding id, used in topic names, metrics and status.")
            .validatedBy(Validators.pattern(NAME_PATTERN)).withDefaultText("the new table's name without schema");
    static final Key<TableId> LEGACY = Key.required("legacy", Types.table(),
            "The legacy table as `[schema.]table`; the schema defaults to `" + Types.DEFAULT_SCHEMA + "`.");
    static final Key<TableId> NEW = Key.required("new", Types.table(),
            "The new table as `[schema.]table`; the schema defaults to `" + Types.DEFAULT_SCHEMA + "`.");
    static final Key<Direction> DIRECTION = Key.required("direction",
            ChoiceType.of(List.of(Direction.values()), Direction::label, Map.of()),
            "Which way changes flow; `" + Direction.TWO_WAY.label() + "` keeps both tables writable and decides"
                    + " conflicts as `conflict` says; `" + Direction.NONE.label() + "` syncs nothing, for the reason"
                    + " `strategy` gives.");
    static final Key<SyncMode> MODE = Key.withDefault("mode",
            ChoiceType.of(List.of(SyncMode.values()), SyncMode::label, Map.of()),
            SyncMode.STREAM, "How changes move: `" + SyncMode.STREAM.label() + "` captures every change from the"
                    + " database log as it commits; `" + SyncMode.BATCH.label() + "` copies the source table as `batch`"
                    + " says, for one-way bindings only; not for `" + Direction.NONE.label()
                    + "` bindings, which move nothing.");
    static final Key<NoSyncStrategy> STRATEGY = Key.optional("strategy",
            ChoiceType.of(List.of(NoSyncStrategy.values()), NoSyncStrategy::label, Map.of()),
            "Why a `" + Direction.NONE.label() + "` binding syncs nothing: `" + NoSyncStrategy.SEPARATE.label()
                    + "` tables hold different data by design, `" + NoSyncStrategy.DUPLICATE_MAINTENANCE.label()
                    + "` tables are kept by hand on both sides and `cutover verify` reports where they differ through"
                    + " the mapping; only for `" + Direction.NONE.label() + "` bindings.")
            .withDefaultText("`" + NoSyncStrategy.DEFAULT.label() + "` on a " + Direction.NONE.label() + " binding");
    static final Key<List<String>> KEY = Key.optional("key", new ListType<>(Types.string(), "list of column names", true),
            "Legacy columns that identify a row.")
            .validatedBy(Validators.distinct()).withDefaultText("the legacy table's primary key");
    static final Key<List<ColumnRule>> COLUMNS = Key.withDefault("columns", new ColumnsType(), List.of(),
            "How legacy columns map to new columns, keyed by legacy column name.");
    static final Key<Map<String, Constant>> DEFAULTS = Key.withDefault("defaults",
            new MapType<>(Types.constant(), "map of new column -> constant", false), Map.of(),
            "Constants for new columns that no legacy column feeds; `null` leaves the value to the database.");
    static final Key<Map<String, Constant>> LEGACY_DEFAULTS = Key.withDefault("legacy-defaults",
            new MapType<>(Types.constant(), "map of legacy column -> constant", false), Map.of(),
            "Constants for legacy columns that no new column feeds, used when the mapping runs from new to legacy.");
    static final Key<MapperSection.Mapper> MAPPER = Key.optional("mapper", MapperSection.TYPE,
            "A custom Java row mapper.");
    static final Key<ConflictSection.Conflict> CONFLICT = Key.optional("conflict", ConflictSection.TYPE,
            "How conflicts are decided; only for `" + Direction.TWO_WAY.label() + "` bindings.")
            .withDefaultText("all defaults on a two-way binding");

    static final Key<BatchSpec> BATCH = Key.optional("batch", BatchSection.TYPE,
            "When and how a `" + SyncMode.BATCH.label() + "` binding copies; required for those, and only for those.");

    static final Section SECTION = new Section("bindings[]", "One table binding: a legacy table bound to a new table.",
            List.of(NAME, LEGACY, NEW, DIRECTION, MODE, STRATEGY, KEY, COLUMNS, DEFAULTS, LEGACY_DEFAULTS, MAPPER,
                    CONFLICT, BATCH));
    static final SectionType<ParsedBinding> TYPE = SectionType.of(SECTION, BindingSection::assemble);

    private static final Pattern NAME_FORM = Pattern.compile(NAME_PATTERN);

    private BindingSection() {
    }

    private static ParsedBinding assemble(Values v) {
        TableId newTable = v.get(NEW);
        String name = name(v, newTable);
        List<ColumnRule> columns = v.get(COLUMNS);
        boolean ok = v.complete() && name != null;
        if (columns != null) {
            ok &= checkKey(v, columns) & checkDefaults(v, columns);
        }
        ok &= checkConflict(v) & checkNoSync(v) & checkBatch(v);
        BindingOptions options = ok ? build(v, name, columns) : null;
        return new ParsedBinding(v, name, !v.isSet(NAME), v.get(LEGACY), newTable, options);
    }

    private static String name(Values v, TableId newTable) {
        if (v.isSet(NAME) || newTable == null) {
            return v.get(NAME);
        }
        if (!NAME_FORM.matcher(newTable.table()).matches()) {
            v.problem(NEW, "the binding name defaults to the new table's name '" + newTable.table()
                    + "', which does not match " + NAME_PATTERN + "; set " + v.pathOf(NAME));
            return null;
        }
        return newTable.table();
    }

    private static boolean checkKey(Values v, List<ColumnRule> columns) {
        List<String> key = v.get(KEY);
        boolean ok = true;
        for (String column : key == null ? List.<String>of() : key) {
            if (columns.stream().anyMatch(r -> r.ignored() && r.legacyColumn().equals(column))) {
                v.problem(KEY, "key column '" + column + "' is ignored by " + v.pathOf(COLUMNS) + "." + column
                        + "; a key column must be copied");
                ok = false;
            }
        }
        return ok;
    }

    private static boolean checkDefaults(Values v, List<ColumnRule> columns) {
        boolean ok = true;
        Map<String, Constant> defaults = v.get(DEFAULTS);
        for (String column : defaults == null ? Set.<String>of() : defaults.keySet()) {
            for (ColumnRule r : columns) {
                if (!r.ignored() && r.newColumn().equals(column)) {
                    v.problem(DEFAULTS, column, "new column '" + column + "' is fed by " + v.pathOf(COLUMNS) + "."
                            + r.legacyColumn() + "; defaults are for new columns no legacy column feeds");
                    ok = false;
                }
            }
        }
        Map<String, Constant> legacyDefaults = v.get(LEGACY_DEFAULTS);
        for (String column : legacyDefaults == null ? Set.<String>of() : legacyDefaults.keySet()) {
            if (columns.stream().anyMatch(r -> !r.ignored() && r.legacyColumn().equals(column))) {
                v.problem(LEGACY_DEFAULTS, column, "legacy column '" + column + "' is mapped by " + v.pathOf(COLUMNS)
                        + "." + column + "; legacy-defaults are for legacy columns no new column feeds");
                ok = false;
            }
        }
        return ok;
    }

    /** A conflict section belongs to two-way bindings only; newest-wins needs a column with a legacy counterpart. */
    private static boolean checkConflict(Values v) {
        Direction direction = v.get(DIRECTION);
        if (v.isSet(CONFLICT) && direction != null && direction != Direction.TWO_WAY) {
            v.problem(CONFLICT, "only applies to " + Direction.TWO_WAY.label() + " bindings, but " + v.pathOf(DIRECTION)
                    + " is " + direction.label() + "; remove " + CONFLICT.name() + " or set " + DIRECTION.name() + ": "
                    + Direction.TWO_WAY.label());
            return false;
        }
        ConflictSection.Conflict conflict = v.get(CONFLICT);
        String column = conflict == null ? null : conflict.spec().column();
        Map<String, Constant> defaults = v.get(DEFAULTS);
        if (column != null && defaults != null && defaults.containsKey(column)) {
            // A new column that only takes a constant has no legacy value to compare against.
            v.problem(CONFLICT, ConflictSection.COLUMN.name(), "new column '" + column + "' takes a constant from "
                    + v.pathOf(DEFAULTS) + "." + column + ", so the legacy side has no value to order by; name a column"
                    + " both systems write");
            return false;
        }
        return true;
    }

    /** {@code strategy} belongs to none bindings only, and {@code mode} to bindings that move changes. */
    private static boolean checkNoSync(Values v) {
        Direction direction = v.get(DIRECTION);
        if (direction == null) {
            return true;
        }
        if (v.get(STRATEGY) != null && direction != Direction.NONE) {
            v.problem(STRATEGY, "only applies to " + Direction.NONE.label() + " bindings, but " + v.pathOf(DIRECTION) + " is "
                    + direction.label() + "; remove " + STRATEGY.name() + " or set " + DIRECTION.name() + ": "
                    + Direction.NONE.label());
            return false;
        }
        if (v.isSet(MODE) && v.get(MODE) != null && direction == Direction.NONE) {
            v.problem(MODE, "a " + Direction.NONE.label() + " binding moves nothing, so it has no mode, but "
                    + v.pathOf(DIRECTION) + " is " + Direction.NONE.label() + "; remove " + MODE.name()
                    + " or choose a direction that syncs");
            return false;
        }
        return true;
    }

    /** {@code mode: batch} belongs to one-way bindings, and needs its {@code batch} section, which nothing else takes. */
    private static boolean checkBatch(Values v) {
        Direction direction = v.get(DIRECTION);
        SyncMode mode = v.get(MODE);
        if (mode == null || direction == null) {
            return true;
        }
        if (mode != SyncMode.BATCH) {
            if (v.isSet(BATCH)) {
                v.problem(BATCH, "only applies to " + MODE.name() + ": " + SyncMode.BATCH.label() + ", but "
                        + v.pathOf(MODE) + " is " + mode.label() + (v.isSet(MODE) ? "" : " (the default)") + "; remove "
                        + BATCH.name() + " or set " + MODE.name() + ": " + SyncMode.BATCH.label());
                return false;
            }
            return true;
        }
        if (direction == Direction.TWO_WAY) {
            v.problem(MODE, SyncMode.BATCH.label() + " copies one way only, but " + v.pathOf(DIRECTION) + " is "
                    + direction.label() + "; use " + Direction.LEGACY_TO_NEW.label() + " or " + Direction.NEW_TO_LEGACY.label()
                    + ", or " + MODE.name() + ": " + SyncMode.STREAM.label());
            return false;
        }
        if (direction != Direction.NONE && !v.isSet(BATCH)) {
            v.problem(BATCH, MODE.name() + ": " + SyncMode.BATCH.label() + " needs a " + BATCH.name() + " section with at"
                    + " least a " + BatchSection.SCHEDULE.name() + ", e.g. " + BATCH.name() + ": { "
                    + BatchSection.SCHEDULE.name() + ": PT15M }");
            return false;
        }
        return true;
    }

    private static BindingOptions build(Values v, String name, List<ColumnRule> columns) {
        MapperSection.Mapper mapper = v.get(MAPPER);
        TableMappingSpec spec = new TableMappingSpec(v.get(LEGACY), v.get(NEW), v.get(KEY), columns,
                unwrap(v.get(DEFAULTS)), unwrap(v.get(LEGACY_DEFAULTS)),
                mapper == null ? null : mapper.className(), mapper == null ? Map.of() : mapper.options());
        ConflictSection.Conflict conflict = v.get(CONFLICT);
        ConflictSpec conflictSpec = null;
        if (v.get(DIRECTION) == Direction.TWO_WAY) {
            conflictSpec = conflict == null ? ConflictSpec.DEFAULT : conflict.spec();
        }
        NoSyncStrategy strategy = null;
        if (v.get(DIRECTION) == Direction.NONE) {
            strategy = v.isSet(STRATEGY) ? v.get(STRATEGY) : NoSyncStrategy.DEFAULT;
        }
        return new BindingOptions(name, v.path(), v.get(DIRECTION), v.get(MODE), spec,
                mapper == null ? Set.of() : mapper.hidden(), conflictSpec, conflict == null ? Set.of() : conflict.hidden(),
                strategy, v.get(MODE) == SyncMode.BATCH ? v.get(BATCH) : null);
    }

    private static Map<String, Object> unwrap(Map<String, Constant> constants) {
        Map<String, Object> out = new LinkedHashMap<>();
        constants.forEach((column, constant) -> out.put(column, constant.value()));
        return out;
    }
}
