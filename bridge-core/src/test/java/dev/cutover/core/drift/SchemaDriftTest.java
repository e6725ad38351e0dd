package dev.cutover.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.drift.SchemaDifference.Kind;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.ColumnRule;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.mapping.TableMappingSpec;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaDriftTest {

    private static final TableId ORD = new TableId("public", "ord");
    private static final TableId ORDERS = new TableId("public", "orders");

    private static final ColumnDef ID = new ColumnDef("id", ColumnType.INT64, "int8", false, 0, 0);
    private static final ColumnDef AMOUNT = new ColumnDef("amount", ColumnType.DECIMAL, "numeric", true, 10, 2);
    private static final ColumnDef NOTE = new ColumnDef("note", ColumnType.STRING, "varchar", true, 20, 0);
    private static final ColumnDef CODE = new ColumnDef("code", ColumnType.INT32, "int4", true, 0, 0);
    private static final ColumnDef LEGACY_ONLY = new ColumnDef("legacy_only", ColumnType.STRING, "varchar", true, 10, 0);

    private static TableSchema legacy(List<ColumnDef> columns) {
        return new TableSchema(ORD, columns, List.of("id"));
    }

    private static final TableSchema LEGACY = legacy(List.of(ID, AMOUNT, NOTE, CODE, LEGACY_ONLY));
    private static final TableSchema NEW = new TableSchema(ORDERS, List.of(ID,
            new ColumnDef("amount", ColumnType.DECIMAL, "numeric", true, 12, 2),
            new ColumnDef("note", ColumnType.STRING, "text", true, 0, 0),
            new ColumnDef("code", ColumnType.INT64, "int8", true, 0, 0)), List.of("id"));

    private static TableMapping mapping() throws Exception {
        TableMappingSpec spec = new TableMappingSpec(ORD, ORDERS, List.of(), List.of(ColumnRule.ignore("legacy_only")),
                Map.of(), Map.of(), null, Map.of());
        return TableMapping.compile(spec, LEGACY, NEW);
    }

    private static List<ColumnDef> replaced(List<ColumnDef> columns, ColumnDef by) {
        List<ColumnDef> out = new ArrayList<>();
        columns.forEach(c -> out.add(c.name().equals(by.name()) ? by : c));
        return out;
    }

    private static DriftReport source(List<ColumnDef> live) throws Exception {
        return SchemaDrift.ofSource("orders", mapping(), SystemSide.LEGACY, legacy(live));
    }

    @Test
    void anUnchangedSourceTableShowsNoDifference() throws Exception {
        assertThat(source(LEGACY.columns()).differences()).isEmpty();
    }

    @Test
    void aColumnAddedToTheSourceBlocksAndTheFixSaysMapOrIgnoreIt() throws Exception {
        List<ColumnDef> live = new ArrayList<>(LEGACY.columns());
        live.add(new ColumnDef("discount", ColumnType.INT32, "int4", true, 0, 0));

        DriftReport report = source(live);

        assertThat(report.blocking()).isTrue();
        SchemaDifference added = report.incompatible().get(0);
        assertThat(added.kind()).isEqualTo(Kind.ADDED);
        assertThat(added.column()).isEqualTo("discount");
        assertThat(added.now()).isEqualTo("int4 NULL");
        assertThat(added.fix()).contains("binding 'orders'", "columns.discount: <new column>", "columns.discount: {ignore: true}",
                "restart");
        assertThat(report.describe()).startsWith("binding 'orders': legacy table public.ord no longer fits the compiled mapping;")
                .contains("column 'discount' added (int4 NULL)");
    }

    @Test
    void aColumnTheBindingIgnoredBeforeItExistedIsCompatibleWhenItIsAdded() throws Exception {
        TableMappingSpec spec = new TableMappingSpec(ORD, ORDERS, List.of(),
                List.of(ColumnRule.ignore("legacy_only"), ColumnRule.ignore("discount")), Map.of(), Map.of(), null, Map.of());
        TableMapping mapping = TableMapping.compile(spec, LEGACY, NEW);
        List<ColumnDef> live = new ArrayList<>(LEGACY.columns());
        live.add(new ColumnDef("discount", ColumnType.INT32, "int4", true, 0, 0));

        DriftReport report = SchemaDrift.ofSource("orders", mapping, SystemSide.LEGACY, legacy(live));

        assertThat(mapping.summary()).contains("1 ignored before it exists [discount]");
        assertThat(report.blocking()).isFalse();
        assertThat(report.differences()).singleElement().satisfies(d -> assertThat(d.fix()).startsWith("nothing to do"));
        RowImage row = RowImage.builder().put("id", 1L).put("amount", new java.math.BigDecimal("1.00")).put("note", "n")
                .put("code", 3).put("legacy_only", "x").put("discount", 5).build();
        assertThat(mapping.rowToNew(row).columns()).containsExactly("id", "amount", "note", "code");
    }

    @Test
    void aDroppedMappedSourceColumnBlocksAndNamesTheColumnItFed() throws Exception {
        DriftReport report = source(List.of(ID, AMOUNT, CODE, LEGACY_ONLY));

        assertThat(report.blocking()).isTrue();
        SchemaDifference dropped = report.incompatible().get(0);
        assertThat(dropped.kind()).isEqualTo(Kind.DROPPED);
        assertThat(dropped.column()).isEqualTo("note");
        assertThat(dropped.fix()).contains("public.orders.note", "defaults.note");
    }

    @Test
    void aDroppedIgnoredSourceColumnIsCompatible() throws Exception {
        DriftReport report = source(List.of(ID, AMOUNT, NOTE, CODE));

        assertThat(report.blocking()).isFalse();
        assertThat(report.differences()).extracting(SchemaDifference::kind).containsExactly(Kind.DROPPED);
    }

    @Test
    void aSourceWideningThatTheTargetStillHoldsIsCompatible() throws Exception {
        List<ColumnDef> live = replaced(LEGACY.columns(), new ColumnDef("note", ColumnType.STRING, "varchar", true, 40, 0));
        live = replaced(live, new ColumnDef("amount", ColumnType.DECIMAL, "numeric", true, 12, 2));

        DriftReport report = source(live);

        assertThat(report.differences()).hasSize(2).allMatch(SchemaDifference::compatible);
        assertThat(report.blocking()).isFalse();
    }

    @Test
    void aSourceWideningTheTargetNoLongerHoldsBlocksAndSaysWhatToWiden() throws Exception {
        DriftReport report = source(replaced(LEGACY.columns(), new ColumnDef("amount", ColumnType.DECIMAL, "numeric", true, 14, 2)));

        assertThat(report.blocking()).isTrue();
        SchemaDifference changed = report.incompatible().get(0);
        assertThat(changed.kind()).isEqualTo(Kind.TYPE_CHANGED);
        assertThat(changed.was()).isEqualTo("numeric(10,2) NULL");
        assertThat(changed.now()).isEqualTo("numeric(14,2) NULL");
        assertThat(changed.fix()).contains("widen public.orders.amount so it holds numeric(14,2)");
    }

    @Test
    void anIntegerWidenedOnTheSourceIntoAWideEnoughTargetIsCompatibleButAnotherKindIsNot() throws Exception {
        assertThat(source(replaced(LEGACY.columns(), new ColumnDef("code", ColumnType.INT64, "int8", true, 0, 0))).blocking())
                .isFalse();
        assertThat(source(replaced(LEGACY.columns(), new ColumnDef("code", ColumnType.STRING, "text", true, 0, 0))).blocking())
                .isTrue();
    }

    @Test
    void aNullableOrDefaultedColumnAddedToTheTargetIsCompatible() {
        List<ColumnDef> live = new ArrayList<>(NEW.columns());
        live.add(new ColumnDef("remark", ColumnType.STRING, "text", true, 0, 0));
        live.add(new ColumnDef("region", ColumnType.STRING, "text", false, 0, 0));

        DriftReport report = SchemaDrift.ofTarget("orders", SystemSide.NEW, NEW, new TableSchema(ORDERS, live, List.of("id")),
                Set.of("region"));

        assertThat(report.blocking()).isFalse();
        assertThat(report.differences()).extracting(SchemaDifference::column).containsExactly("remark", "region");
        assertThat(report.differences().get(0).fix()).contains("defaults.remark: null");
    }

    @Test
    void aNotNullColumnWithoutDefaultAddedToTheTargetBlocksAndTheFixGivesItADefault() {
        List<ColumnDef> live = new ArrayList<>(NEW.columns());
        live.add(new ColumnDef("region", ColumnType.STRING, "text", false, 0, 0));

        DriftReport report = SchemaDrift.ofTarget("orders", SystemSide.NEW, NEW, new TableSchema(ORDERS, live, List.of("id")),
                Set.of());

        assertThat(report.blocking()).isTrue();
        assertThat(report.incompatible().get(0).fix()).contains("ALTER TABLE public.orders ALTER COLUMN region SET DEFAULT",
                "defaults.region");
        assertThat(report.describe()).startsWith("binding 'orders': new table public.orders no longer fits the compiled mapping");
    }

    @Test
    void aWrittenColumnDroppedNarrowedOrMadeNotNullOnTheTargetBlocks() {
        TableSchema dropped = new TableSchema(ORDERS, NEW.columns().subList(0, 3), List.of("id"));
        TableSchema narrowed = new TableSchema(ORDERS, replaced(NEW.columns(),
                new ColumnDef("note", ColumnType.STRING, "varchar", true, 5, 0)), List.of("id"));
        TableSchema notNull = new TableSchema(ORDERS, replaced(NEW.columns(),
                new ColumnDef("note", ColumnType.STRING, "text", false, 0, 0)), List.of("id"));

        assertThat(SchemaDrift.ofTarget("orders", SystemSide.NEW, NEW, dropped, Set.of()).incompatible())
                .extracting(SchemaDifference::kind, SchemaDifference::column).containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.DROPPED, "code"));
        assertThat(SchemaDrift.ofTarget("orders", SystemSide.NEW, NEW, narrowed, Set.of()).incompatible().get(0).fix())
                .contains("ALTER COLUMN note TYPE text");
        assertThat(SchemaDrift.ofTarget("orders", SystemSide.NEW, NEW, notNull, Set.of()).incompatible())
                .extracting(SchemaDifference::kind).containsExactly(Kind.NULLABILITY_CHANGED);
    }

    @Test
    void aWrittenColumnWidenedOnTheTargetIsCompatible() {
        TableSchema widened = new TableSchema(ORDERS, replaced(NEW.columns(),
                new ColumnDef("amount", ColumnType.DECIMAL, "numeric", true, 14, 2)), List.of("id"));

        assertThat(SchemaDrift.ofTarget("orders", SystemSide.NEW, NEW, widened, Set.of()).blocking()).isFalse();
    }

    @Test
    void holdsComparesLengthsDigitsAndIntegerWidths() {
        ColumnDef text = new ColumnDef("t", ColumnType.STRING, "text", true, 0, 0);
        ColumnDef v20 = new ColumnDef("t", ColumnType.STRING, "varchar", true, 20, 0);
        ColumnDef v40 = new ColumnDef("t", ColumnType.STRING, "varchar", true, 40, 0);
        assertThat(SchemaDrift.holds(text, v40)).isTrue();
        assertThat(SchemaDrift.holds(v40, v20)).isTrue();
        assertThat(SchemaDrift.holds(v20, v40)).isFalse();
        assertThat(SchemaDrift.holds(v20, text)).isFalse();
        ColumnDef n102 = new ColumnDef("n", ColumnType.DECIMAL, "numeric", true, 10, 2);
        ColumnDef n103 = new ColumnDef("n", ColumnType.DECIMAL, "numeric", true, 10, 3);
        ColumnDef n123 = new ColumnDef("n", ColumnType.DECIMAL, "numeric", true, 12, 3);
        assertThat(SchemaDrift.holds(n103, n102)).isFalse();
        assertThat(SchemaDrift.holds(n123, n102)).isTrue();
        assertThat(SchemaDrift.holds(CODE, ID)).isFalse();
        assertThat(SchemaDrift.holds(ID, CODE)).isTrue();
    }
}
