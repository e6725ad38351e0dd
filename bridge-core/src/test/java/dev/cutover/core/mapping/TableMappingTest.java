package dev.cutover.core.mapping;

import static dev.cutover.core.mapping.MappingFixtures.CUSTOMERS;
import static dev.cutover.core.mapping.MappingFixtures.CUST_MSTR;
import static dev.cutover.core.mapping.MappingFixtures.column;
import static dev.cutover.core.mapping.MappingFixtures.custMstr;
import static dev.cutover.core.mapping.MappingFixtures.customers;
import static dev.cutover.core.mapping.MappingFixtures.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.MappingFixtures.SpecBuilder;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TableMappingTest {

    private static final Instant COMMIT = Instant.parse("2024-05-01T12:00:00Z");
    private static final SourcePosition POSITION = new SourcePosition("lsn", "0/16B3748");

    private static RowImage legacyRow(long id, String name, String status, Long epoch, String legacyOnly) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("cust_id", id);
        values.put("cust_nm", name);
        values.put("stat_cd", status);
        values.put("crt_epoch", epoch);
        values.put("legacy_only_col", legacyOnly);
        return RowImage.of(values);
    }

    private static TableMapping exampleMapping() throws MappingException {
        return TableMapping.compile(example().build(), custMstr(), customers());
    }

    private static ChangeEvent legacyCreate(RowImage after) {
        return ChangeEvent.create(SystemSide.LEGACY, CUST_MSTR, List.of("cust_id"), after, COMMIT, POSITION, "tx-7");
    }

    @Test
    void mapsACreateOfTheIssueExampleOntoTheNewTable() throws MappingException {
        ChangeEvent mapped = exampleMapping().toNew(legacyCreate(legacyRow(7, "Ada Lovelace", "A", 1_700_000_000L, "junk")));

        assertThat(mapped.table()).isEqualTo(CUSTOMERS);
        assertThat(mapped.keyColumns()).containsExactly("id");
        assertThat(mapped.before()).isNull();
        assertThat(mapped.after().asMap()).containsExactly(
                Map.entry("id", 7L),
                Map.entry("full_name", "Ada Lovelace"),
                Map.entry("status", "active"),
                Map.entry("created_at", Instant.ofEpochSecond(1_700_000_000L)),
                Map.entry("source", "legacy"));
        assertThat(mapped.origin()).isEqualTo(SystemSide.LEGACY);
        assertThat(mapped.operation()).isEqualTo(dev.cutover.core.event.Operation.CREATE);
        assertThat(mapped.commitTime()).isEqualTo(COMMIT);
        assertThat(mapped.position()).isEqualTo(POSITION);
        assertThat(mapped.transactionId()).isEqualTo("tx-7");
    }

    @Test
    void summarisesTheExampleInOneLine() throws MappingException {
        assertThat(exampleMapping().summary()).isEqualTo(
                "public.cust_mstr -> public.customers: 5 columns (2 renamed, 1 value map, 1 conversion, 1 ignored), 1 default");
    }

    @Test
    void mapsADeleteWhoseBeforeImageHoldsOnlyTheKeyWithoutAddingDefaults() throws MappingException {
        ChangeEvent delete = ChangeEvent.delete(SystemSide.LEGACY, CUST_MSTR, List.of("cust_id"),
                RowImage.builder().put("cust_id", 7L).build(), COMMIT, POSITION, "tx-8");

        ChangeEvent mapped = exampleMapping().toNew(delete);

        assertThat(mapped.before().asMap()).containsExactly(Map.entry("id", 7L));
        assertThat(mapped.after()).isNull();
        assertThat(mapped.key().asMap()).containsExactly(Map.entry("id", 7L));
    }

    @Test
    void mapsAFullBeforeImageButAddsDefaultsToTheAfterImageOnly() throws MappingException {
        ChangeEvent update = ChangeEvent.update(SystemSide.LEGACY, CUST_MSTR, List.of("cust_id"),
                legacyRow(7, "Ada", "A", 0L, null), legacyRow(7, "Ada", "I", 0L, null), COMMIT, POSITION, "tx-9");

        ChangeEvent mapped = exampleMapping().toNew(update);

        assertThat(mapped.before().columns()).containsExactly("id", "full_name", "status", "created_at");
        assertThat(mapped.after().get("status")).isEqualTo("inactive");
        assertThat(mapped.after().get("source")).isEqualTo("legacy");
    }

    @Test
    void passesNullsThroughValueMapsAndConversionsAsNull() throws MappingException {
        TableMapping mapping = TableMapping.compile(example().build(), custMstr(), customers());

        RowImage mapped = mapping.rowToNew(legacyRow(7, null, "A", null, null));

        assertThat(mapped.asMap()).containsEntry("full_name", null).containsEntry("created_at", null);
    }

    @Test
    void refusesAValueMissingFromTheValueMapNamingColumnAndKnownKeys() throws MappingException {
        ChangeEvent event = legacyCreate(legacyRow(7, "Ada", "Z", 0L, null));

        MappingException e = catchThrowableOfType(MappingException.class, () -> exampleMapping().toNew(event));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("columns.stat_cd.values");
            assertThat(p.message()).contains("'stat_cd'", "String 'Z'", "known: A, I");
        });
        assertThat(e.getMessage()).contains("CREATE public.cust_mstr key {cust_id=7} at lsn:0/16B3748");
    }

    @Test
    void refusesARowWithAColumnTheMappingDoesNotKnow() throws MappingException {
        RowImage drifted = RowImage.builder().put("cust_id", 7L).put("stat_cd", "A").put("added_later", 1).build();

        assertThatThrownBy(() -> exampleMapping().rowToNew(drifted))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("columns.added_later")
                .hasMessageContaining("does not know");
    }

    @Test
    void refusesAnEventOfAnotherTable() throws MappingException {
        ChangeEvent other = ChangeEvent.create(SystemSide.LEGACY, new TableId("public", "orders"), List.of("cust_id"),
                legacyRow(7, "Ada", "A", 0L, null), COMMIT, POSITION, null);

        assertThatThrownBy(() -> exampleMapping().toNew(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("public.orders");
    }

    @Test
    void namesTheColumnsWhoseValuesCrossUnchangedInBothDirections() throws MappingException {
        TableMapping mapping = exampleMapping();

        assertThat(mapping.newColumnsTakenAsIs()).containsExactly(Map.entry("id", "cust_id"), Map.entry("full_name", "cust_nm"));
        assertThat(mapping.legacyColumnsTakenAsIs()).containsExactly(Map.entry("cust_id", "id"), Map.entry("cust_nm", "full_name"));
        assertThat(mapping.declarative()).isTrue();
    }

    @Test
    void aWideningIsNotTakenAsIs() throws MappingException {
        TableSchema narrow = new TableSchema(CUST_MSTR, List.of(column("cust_id", ColumnType.INT32, "int4", false),
                column("cust_nm", ColumnType.STRING, "varchar", true)), List.of("cust_id"));
        TableSchema wide = new TableSchema(CUSTOMERS, List.of(column("cust_id", ColumnType.INT64, "int8", false),
                column("cust_nm", ColumnType.STRING, "text", true)), List.of("cust_id"));

        TableMapping mapping = TableMapping.compile(new SpecBuilder(CUST_MSTR, CUSTOMERS).build(), narrow, wide);

        assertThat(mapping.newColumnsTakenAsIs()).containsExactly(Map.entry("cust_nm", "cust_nm"));
    }

    @Test
    void invertsTheExampleLeavingOutTheIgnoredColumn() throws MappingException {
        TableMapping mapping = exampleMapping();
        ChangeEvent original = legacyCreate(legacyRow(7, "Ada", "I", 1_700_000_000L, "junk"));

        ChangeEvent back = mapping.toLegacy(mapping.toNew(original));

        assertThat(mapping.invertible()).isTrue();
        assertThat(back.table()).isEqualTo(CUST_MSTR);
        assertThat(back.keyColumns()).containsExactly("cust_id");
        assertThat(back.after().asMap()).containsExactly(
                Map.entry("cust_id", 7L), Map.entry("cust_nm", "Ada"), Map.entry("stat_cd", "I"), Map.entry("crt_epoch", 1_700_000_000L));
    }

    @Test
    void fillsIgnoredLegacyColumnsWithLegacyDefaultsOnTheWayBack() throws MappingException {
        TableMapping mapping = TableMapping.compile(example().legacyDefault("legacy_only_col", "from-new").build(), custMstr(), customers());

        RowImage back = mapping.rowToLegacy(mapping.rowToNew(legacyRow(7, "Ada", "A", 0L, "junk")));

        assertThat(back.get("legacy_only_col")).isEqualTo("from-new");
        assertThat(mapping.legacyDefaultColumns()).containsExactly("legacy_only_col");
        assertThat(mapping.newDefaultColumns()).containsExactly("source");
    }

    @Test
    void leavesAColumnWithANullDefaultToTheDatabase() throws MappingException {
        TableMapping mapping = TableMapping.compile(example().newDefault("source", null).build(), custMstr(), customers());

        RowImage mapped = mapping.rowToNew(legacyRow(7, "Ada", "A", 0L, null));

        assertThat(mapped.has("source")).isFalse();
        assertThat(mapping.newDefaultColumns()).isEmpty();
        assertThat(mapping.newRowSchema().columnNames()).isEqualTo(List.copyOf(mapped.columns()));
    }

    @Test
    void rowSchemasListExactlyTheColumnsMappedRowsCarry() throws MappingException {
        TableMapping mapping = exampleMapping();

        RowImage forward = mapping.rowToNew(legacyRow(7, "Ada", "A", 0L, "junk"));
        RowImage back = mapping.rowToLegacy(forward);

        assertThat(mapping.newRowSchema().columnNames()).isEqualTo(List.copyOf(forward.columns()));
        assertThat(mapping.legacyRowSchema().columnNames()).isEqualTo(List.copyOf(back.columns()))
                .doesNotContain("legacy_only_col");
        assertThat(mapping.legacyRowSchema().keyColumns()).containsExactly("cust_id");
    }

    @Test
    void anIgnoredNotNullLegacyColumnWithoutLegacyDefaultMakesTheMappingOneWay() throws MappingException {
        TableSchema legacy = new TableSchema(CUST_MSTR, List.of(
                column("cust_id", ColumnType.INT64, "int8", false),
                column("cust_nm", ColumnType.STRING, "varchar", true),
                column("stat_cd", ColumnType.STRING, "bpchar", false),
                column("crt_epoch", ColumnType.INT64, "int8", true),
                column("legacy_only_col", ColumnType.STRING, "varchar", false)), List.of("cust_id"));

        TableMapping mapping = TableMapping.compile(example().build(), legacy, customers());

        assertThat(mapping.invertible()).isFalse();
        assertThat(mapping.inversionProblems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("legacy-defaults.legacy_only_col");
            assertThat(p.message()).contains("'legacy_only_col'", "NOT NULL", "legacy default");
        });
        assertThat(mapping.summary()).endsWith("one-way only (not invertible)");
        assertThatThrownBy(() -> mapping.toLegacy(mapping.toNew(legacyCreate(legacyRow(7, "Ada", "A", 0L, "x")))))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("not invertible")
                .hasMessageContaining("legacy-defaults.legacy_only_col");
    }

    @Test
    void aManyToOneValueMapMakesTheMappingOneWayNamingTheCollidingValues() throws MappingException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("A", "active");
        values.put("N", "active");
        values.put("I", "inactive");
        TableMapping mapping = TableMapping.compile(example().rule(new ColumnRule("stat_cd", "status", values, null, false)).build(),
                custMstr(), customers());

        assertThat(mapping.invertible()).isFalse();
        assertThat(mapping.inversionProblems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("columns.stat_cd.values");
            assertThat(p.message()).contains("'stat_cd'", "many-to-one", "'A', 'N' -> 'active'");
        });
        assertThat(mapping.rowToNew(legacyRow(1, "x", "N", 0L, null)).get("status")).isEqualTo("active");
    }

    @Test
    void compilesValueMapEntriesToTheColumnsTypes() throws MappingException {
        TableId flags = new TableId("app", "flags");
        TableId toggles = new TableId("app", "toggles");
        TableSchema legacy = new TableSchema(flags, List.of(column("id", ColumnType.INT32, "int4", false),
                column("flag", ColumnType.INT32, "int4", false)), List.of("id"));
        TableSchema target = new TableSchema(toggles, List.of(column("id", ColumnType.INT32, "int4", false),
                column("enabled", ColumnType.BOOLEAN, "bool", false)), List.of("id"));
        TableMappingSpec spec = new SpecBuilder(flags, toggles)
                .rule(new ColumnRule("flag", "enabled", Map.of("1", "true", "0", "false"), null, false)).build();

        TableMapping mapping = TableMapping.compile(spec, legacy, target);

        RowImage mapped = mapping.rowToNew(RowImage.builder().put("id", 1).put("flag", 1).build());
        assertThat(mapped.get("enabled")).isEqualTo(Boolean.TRUE);
        assertThat(mapping.rowToLegacy(mapped).get("flag")).isEqualTo(1);
    }

    @Test
    void usesTheConfiguredKeyWhenTheLegacyTableHasNone() throws MappingException {
        TableSchema keyless = custMstr().withKey(List.of());

        TableMapping mapping = TableMapping.compile(example().key("cust_id").build(), keyless, customers());

        assertThat(mapping.legacyKeyColumns()).containsExactly("cust_id");
        assertThat(mapping.newKeyColumns()).containsExactly("id");
        assertThat(mapping.legacySchema().keyColumns()).containsExactly("cust_id");
    }

    @Test
    void mapsACompositeKeyInTheNewTablesKeyOrder() throws MappingException {
        TableId lines = new TableId("erp", "ord_ln");
        TableId orderLines = new TableId("shop", "order_lines");
        TableSchema legacy = new TableSchema(lines, List.of(column("ord_no", ColumnType.INT32, "int4", false),
                column("ln_no", ColumnType.INT16, "int2", false)), List.of("ord_no", "ln_no"));
        TableSchema target = new TableSchema(orderLines, List.of(column("line", ColumnType.INT32, "int4", false),
                column("order_id", ColumnType.INT64, "int8", false)), List.of("line", "order_id"));
        TableMappingSpec spec = new SpecBuilder(lines, orderLines)
                .rule(ColumnRule.rename("ord_no", "order_id")).rule(ColumnRule.rename("ln_no", "line")).build();

        TableMapping mapping = TableMapping.compile(spec, legacy, target);
        ChangeEvent mapped = mapping.toNew(ChangeEvent.delete(SystemSide.LEGACY, lines, List.of("ord_no", "ln_no"),
                RowImage.builder().put("ord_no", 10).put("ln_no", (short) 2).build(), COMMIT, POSITION, null));

        assertThat(mapped.keyColumns()).containsExactly("line", "order_id");
        assertThat(mapped.key().asMap()).containsExactly(Map.entry("line", 2), Map.entry("order_id", 10L));
    }

    @Test
    void narrowsAWidenedColumnBackOnlyWhenTheValueFits() throws MappingException {
        TableId small = new TableId("l", "t");
        TableId wide = new TableId("n", "t");
        TableSchema legacy = new TableSchema(small, List.of(column("id", ColumnType.INT32, "int4", false)), List.of("id"));
        TableSchema target = new TableSchema(wide, List.of(column("id", ColumnType.INT64, "int8", false)), List.of("id"));
        TableMapping mapping = TableMapping.compile(new SpecBuilder(small, wide).build(), legacy, target);

        assertThat(mapping.rowToNew(RowImage.builder().put("id", 5).build()).get("id")).isEqualTo(5L);
        assertThat(mapping.rowToLegacy(RowImage.builder().put("id", 5L).build()).get("id")).isEqualTo(5);
        assertThatThrownBy(() -> mapping.rowToLegacy(RowImage.builder().put("id", 1L << 40).build()))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("columns.id")
                .hasMessageContaining("out of range");
    }

    @Test
    void reportsEveryProblemOfASpecAtOnce() {
        TableMappingSpec spec = example()
                .rule(ColumnRule.rename("cust_nm", "fullname"))
                .withoutRule("legacy_only_col")
                .newDefault("source", 42)
                .build();

        MappingException e = catchThrowableOfType(MappingException.class, () -> TableMapping.compile(spec, custMstr(), customers()));

        assertThat(e.problems()).extracting(MappingProblem::location)
                .containsExactlyInAnyOrder("columns.cust_nm", "columns.legacy_only_col", "defaults.source", "defaults.full_name");
        assertThat(e.getMessage()).startsWith("mapping public.cust_mstr -> public.customers does not fit the tables (4 problems):");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void reportsABadSpecAtItsLocation(String description, UnaryOperator<SpecBuilder> change, String location, String fragment) {
        TableMappingSpec spec = change.apply(example()).build();

        MappingException e = catchThrowableOfType(MappingException.class, () -> TableMapping.compile(spec, custMstr(), customers()));

        assertThat(e).as("compiling a spec with " + description).isNotNull();
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.location()).isEqualTo(location);
            assertThat(p.message()).contains(fragment);
        });
    }

    static Stream<Arguments> badSpecs() {
        String mapperClass = TestMappers.class.getName();
        return Stream.of(
                bad("a rule for a missing legacy column", b -> b.rule(ColumnRule.rename("cust_nmx", "full_name")),
                        "columns.cust_nmx", "legacy column 'cust_nmx' does not exist in public.cust_mstr (columns: cust_id, cust_nm, stat_cd,"),
                bad("a rule onto a missing new column", b -> b.rule(ColumnRule.rename("cust_nm", "fullname")),
                        "columns.cust_nm", "new column 'fullname' for legacy column 'cust_nm' does not exist in public.customers (columns: id,"),
                bad("two legacy columns feeding one new column", b -> b.rule(ColumnRule.rename("legacy_only_col", "full_name")),
                        "columns.legacy_only_col", "legacy columns 'cust_nm' and 'legacy_only_col' both feed new column 'full_name'"),
                bad("two rules for one legacy column", b -> b.extraRule(ColumnRule.ignore("cust_nm")),
                        "columns.cust_nm", "has more than one rule"),
                bad("an unignored legacy-only column", b -> b.withoutRule("legacy_only_col"),
                        "columns.legacy_only_col", "has no column of the same name in public.customers"),
                bad("an ignored column that also names a new column", b -> b.rule(new ColumnRule("legacy_only_col", "source", Map.of(), null, true)),
                        "columns.legacy_only_col", "is ignored but also names"),
                bad("an unmapped new column", b -> b.withoutNewDefault("source"),
                        "defaults.source", "new column 'source' (STRING, text) of public.customers is fed by no legacy column"),
                bad("a type mismatch", b -> b.rule(ColumnRule.rename("crt_epoch", "created_at")),
                        "columns.crt_epoch", "conversions from INT64 to TIMESTAMPTZ: epoch-seconds-to-timestamp, epoch-millis-to-timestamp"),
                bad("an unknown conversion", b -> b.rule(new ColumnRule("crt_epoch", "created_at", Map.of(), "epoch-to-ts", false)),
                        "columns.crt_epoch.convert", "unknown conversion 'epoch-to-ts'"),
                bad("a conversion whose types do not fit", b -> b.rule(new ColumnRule("cust_nm", "full_name", Map.of(), "yn-to-boolean", false)),
                        "columns.cust_nm.convert", "writes new BOOLEAN but new column 'full_name'"),
                bad("a value map and a conversion", b -> b.rule(new ColumnRule("stat_cd", "status", Map.of("A", "a"), "yn-to-boolean", false)),
                        "columns.stat_cd", "has both a value map and conversion"),
                bad("a value map key that is not a legacy value", b -> b.rule(new ColumnRule("cust_id", "id", Map.of("one", "1"), null, false)),
                        "columns.cust_id.values", "key 'one' does not fit the legacy column"),
                bad("value map keys that mean the same value", b -> b.rule(new ColumnRule("cust_id", "id", orderedMap("1", "10", "01", "11"), null, false)),
                        "columns.cust_id.values", "has keys '1' and '01' that both mean 1"),
                bad("a value map entry mapping null", b -> b.rule(new ColumnRule("stat_cd", "status", orderedMap("A", null), null, false)),
                        "columns.stat_cd.values", "maps null; null always maps to null"),
                bad("a default constant of the wrong type", b -> b.newDefault("source", 42),
                        "defaults.source", "cannot coerce Integer 42 to STRING"),
                bad("a default for a missing column", b -> b.newDefault("sourse", "x"),
                        "defaults.sourse", "new column 'sourse' does not exist in public.customers"),
                bad("a default for a fed column", b -> b.newDefault("full_name", "x"),
                        "defaults.full_name", "is fed by legacy column 'cust_nm'"),
                bad("a legacy default for a mapped column", b -> b.legacyDefault("cust_nm", "x"),
                        "legacy-defaults.cust_nm", "is fed by new column 'full_name'"),
                bad("a legacy default of the wrong type", b -> b.legacyDefault("legacy_only_col", true),
                        "legacy-defaults.legacy_only_col", "cannot coerce Boolean true to STRING"),
                bad("a key that is not the new table's key", b -> b.key("cust_nm"),
                        "key", "key [cust_nm] of public.cust_mstr maps to [full_name] but the key of public.customers is [id]"),
                bad("a key column that does not exist", b -> b.key("nope"),
                        "key", "key column 'nope' does not exist in public.cust_mstr"),
                bad("an ignored key column", b -> b.rule(ColumnRule.ignore("cust_id")).newDefault("id", 1),
                        "key", "key column 'cust_id' of public.cust_mstr is ignored"),
                bad("a mapper class that does not exist", b -> b.mapper("com.example.NoSuchMapper", Map.of()),
                        "mapper.class", "custom mapper class com.example.NoSuchMapper was not found"),
                bad("a mapper class of the wrong type", b -> b.mapper("java.lang.String", Map.of()),
                        "mapper.class", "class java.lang.String does not implement dev.cutover.core.mapping.CustomRowMapper"),
                bad("a mapper without a no-argument constructor", b -> b.mapper(mapperClass + "$NoDefaultConstructorMapper", Map.of()),
                        "mapper.class", "has no public no-argument constructor"),
                bad("a mapper whose constructor throws", b -> b.mapper(mapperClass + "$ThrowingConstructorMapper", Map.of()),
                        "mapper.class", "threw java.lang.IllegalStateException: cannot start"),
                bad("an abstract mapper", b -> b.mapper(mapperClass + "$ForgetfulMapperBase", Map.of()),
                        "mapper.class", "is abstract"),
                bad("mapper options the mapper rejects", b -> b.mapper(mapperClass + "$FullNameMapper", Map.of("separatr", " ")),
                        "mapper.options", "option 'separator' is required"),
                bad("mapper options without a mapper", b -> b.mapper(null, Map.of("separator", " ")),
                        "mapper.options", "are given but no mapper class"));
    }

    private static Map<String, String> orderedMap(String k1, String v1, String... more) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(k1, v1);
        for (int i = 0; i < more.length; i += 2) {
            map.put(more[i], more[i + 1]);
        }
        return map;
    }

    @Test
    void refusesSchemasOfOtherTablesThanTheSpecNames() {
        TableSchema orders = new TableSchema(new TableId("public", "orders"), custMstr().columns(), List.of("cust_id"));

        assertThatThrownBy(() -> TableMapping.compile(example().build(), orders, customers()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("public.cust_mstr -> public.customers was given the schemas of public.orders and public.customers");
    }

    private static Arguments bad(String description, UnaryOperator<SpecBuilder> change, String location, String fragment) {
        return Arguments.of(description, change, location, fragment);
    }
}
