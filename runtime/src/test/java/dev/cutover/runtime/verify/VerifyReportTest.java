package dev.cutover.runtime.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.binding.Direction;
import dev.cutover.core.binding.NoSyncStrategy;
import dev.cutover.core.binding.SyncMode;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.mapping.TableMappingSpec;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The text {@code cutover verify} prints for people, from results made by hand. */
class VerifyReportTest {

    private static final TableId LEGACY = new TableId("public", "note_mstr");
    private static final TableId NEW = new TableId("public", "notes");

    private final StringWriter text = new StringWriter();
    private final VerifyReport report = new VerifyReport(new PrintWriter(text));

    @Test
    void equalTablesReportTheirCountsAndEqual() throws Exception {
        report.compared(binding(Direction.NONE, NoSyncStrategy.DUPLICATE_MAINTENANCE), mapping(),
                new Drift(3, 3, 3, 0, 0, 0, 0, List.of()));
        report.summary();

        assertThat(text.toString()).isEqualTo("""
                notes (none, duplicate-maintenance): public.note_mstr -> public.notes
                  rows compared: 3, equal: 3, only in legacy: 0, only in new: 0, differing: 0
                  result: equal
                verify: 1 binding compared, 1 equal, 0 with drift; 0 skipped
                """);
        assertThat(report.drift()).isFalse();
    }

    @Test
    void driftListsExampleKeysColumnsAndValuesAndHowManyMore() throws Exception {
        RowImage key = RowImage.of(Map.of("id", 4L));
        Drift drift = new Drift(5, 5, 1, 1, 1, 3, 0, List.of(
                new Drift.Example(Drift.Kind.DIFFERING, key, List.of(
                        new Drift.ColumnDifference("title", "ttl", "Old", "New"),
                        new Drift.ColumnDifference("body", null, null, new byte[3])), null),
                new Drift.Example(Drift.Kind.ONLY_IN_LEGACY, RowImage.of(Map.of("id", 7L)), List.of(), null),
                new Drift.Example(Drift.Kind.ONLY_IN_NEW, RowImage.of(Map.of("id", 9L)), List.of(), null)));

        report.compared(binding(Direction.NONE, NoSyncStrategy.DUPLICATE_MAINTENANCE), mapping(), drift);

        assertThat(text.toString()).contains("""
                  rows compared: 6, equal: 1, only in legacy: 1, only in new: 1, differing: 3
                  differing {id=4}: title (from ttl): legacy 'Old', new 'New'; body: legacy null, new bytes[3]
                  ... and 2 more differing
                  only in legacy {id=7}
                  only in new {id=9}
                  result: drift
                """);
        assertThat(report.drift()).isTrue();
    }

    @Test
    void driftOfABindingThatSyncsWarnsOfChangesInFlight() throws Exception {
        report.compared(binding(Direction.LEGACY_TO_NEW, null), mapping(), new Drift(1, 0, 0, 1, 0, 0, 0, List.of()));

        assertThat(text.toString()).startsWith("notes (legacy-to-new): ")
                .contains("result: drift (the binding syncs: changes not yet applied show here too");
    }

    @Test
    void unmappableRowsShowTheLegacyKeyAndWhy() throws Exception {
        report.compared(binding(Direction.NONE, NoSyncStrategy.DUPLICATE_MAINTENANCE), mapping(),
                new Drift(1, 0, 0, 0, 0, 0, 1, List.of(new Drift.Example(Drift.Kind.UNMAPPABLE,
                        RowImage.of(Map.of("note_id", 2L)), List.of(), "columns.stat_cd: no value for 'X'\nmore"))));

        assertThat(text.toString()).contains(", unmappable legacy rows: 1\n")
                .contains("  unmappable legacy {note_id=2}: columns.stat_cd: no value for 'X' more\n");
    }

    @Test
    void separateBindingsAreSkippedBecauseTheirDataIsSeparateByDesign() {
        report.skipped(binding(Direction.NONE, NoSyncStrategy.SEPARATE));
        report.summary();

        assertThat(text.toString()).isEqualTo("""
                notes (none, separate): public.note_mstr -> public.notes
                  skipped: strategy separate, the data is separate by design
                verify: 0 bindings compared, 0 equal, 0 with drift; 1 skipped
                """);
    }

    @Test
    void longValuesAreCutAndDecimalsShownPlain() {
        assertThat(VerifyReport.show("x".repeat(VerifyReport.MAX_VALUE_LENGTH + 5)))
                .isEqualTo("'" + "x".repeat(VerifyReport.MAX_VALUE_LENGTH) + "...'");
        assertThat(VerifyReport.show(new java.math.BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(VerifyReport.show(42L)).isEqualTo("42");
    }

    private static BindingOptions binding(Direction direction, NoSyncStrategy strategy) {
        return new BindingOptions("notes", "bindings[0]", direction, SyncMode.STREAM, spec(), Set.of(), null, Set.of(), strategy);
    }

    private static TableMappingSpec spec() {
        return new TableMappingSpec(LEGACY, NEW, List.of(), List.of(), Map.of(), Map.of(), null, Map.of());
    }

    private static TableMapping mapping() throws Exception {
        List<ColumnDef> columns = List.of(ColumnDef.of("id", ColumnType.INT64, "int8", false));
        return TableMapping.compile(spec(), new TableSchema(LEGACY, columns, List.of("id")),
                new TableSchema(NEW, columns, List.of("id")));
    }
}
