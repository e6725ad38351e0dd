package dev.cutover.runtime.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.ColumnRule;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.mapping.TableMappingSpec;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counting and describing drift row by row, without databases: legacy rows in, then new rows. */
class DriftCollectorTest {

    private static final TableId LEGACY = new TableId("public", "acct");
    private static final TableId NEW = new TableId("public", "accounts");

    @Test
    void equalRowsAreCountedAsEqualWithNoExamples() throws Exception {
        DriftCollector c = new DriftCollector(mapping(), 20);
        c.expect(legacy(1, "A", "1.50"));
        c.check(neu(1, "active", "1.5", "legacy"));

        Drift drift = c.finish(1, 1);

        assertThat(drift.inSync()).isTrue();
        assertThat(drift.compared()).isEqualTo(1);
        assertThat(drift.equal()).isEqualTo(1);
        assertThat(drift.examples()).isEmpty();
    }

    @Test
    void aDifferingRowNamesEachDifferingColumnWithBothValues() throws Exception {
        DriftCollector c = new DriftCollector(mapping(), 20);
        c.expect(legacy(1, "A", "10"));
        c.check(neu(1, "inactive", "12", "legacy"));

        Drift drift = c.finish(1, 1);

        assertThat(drift.differing()).isEqualTo(1);
        assertThat(drift.inSync()).isFalse();
        Drift.Example example = drift.examples().get(0);
        assertThat(example.kind()).isEqualTo(Drift.Kind.DIFFERING);
        assertThat(example.key()).isEqualTo(RowImage.of(Map.of("id", 1L)));
        assertThat(example.columns()).containsExactly(
                new Drift.ColumnDifference("status", "stat_cd", "active", "inactive"),
                new Drift.ColumnDifference("balance", "bal_amt", new BigDecimal("10"), new BigDecimal("12")));
    }

    @Test
    void aConstantFromDefaultsIsNotCompared() throws Exception {
        DriftCollector c = new DriftCollector(mapping(), 20);
        c.expect(legacy(1, "A", "1"));
        c.check(neu(1, "active", "1", "written by the new system"));

        assertThat(c.finish(1, 1).inSync()).isTrue();
    }

    @Test
    void rowsOnOneSideOnlyAreCountedByTheirNewKey() throws Exception {
        DriftCollector c = new DriftCollector(mapping(), 20);
        c.expect(legacy(1, "A", "1"));
        c.expect(legacy(2, "A", "1"));
        c.check(neu(2, "active", "1", "legacy"));
        c.check(neu(3, "active", "1", "new"));

        Drift drift = c.finish(2, 2);

        assertThat(drift).extracting(Drift::equal, Drift::onlyInLegacy, Drift::onlyInNew, Drift::compared)
                .containsExactly(1L, 1L, 1L, 3L);
        assertThat(drift.examples()).extracting(Drift.Example::kind, e -> e.key().get("id"))
                .containsExactlyInAnyOrder(tuple(Drift.Kind.ONLY_IN_LEGACY, 1L),
                        tuple(Drift.Kind.ONLY_IN_NEW, 3L));
    }

    @Test
    void aLegacyRowTheMappingCannotMapIsDriftNotAFailure() throws Exception {
        DriftCollector c = new DriftCollector(mapping(), 20);
        c.expect(legacy(1, "X", "1"));

        Drift drift = c.finish(1, 0);

        assertThat(drift.unmappable()).isEqualTo(1);
        assertThat(drift.inSync()).isFalse();
        Drift.Example example = drift.examples().get(0);
        assertThat(example.key()).isEqualTo(RowImage.of(Map.of("acct_id", 1L)));
        assertThat(example.problem()).contains("stat_cd").contains("X");
    }

    @Test
    void examplesAreLimitedPerKindWhileCountsCoverEveryRow() throws Exception {
        DriftCollector c = new DriftCollector(mapping(), 2);
        for (long id = 1; id <= 5; id++) {
            c.expect(legacy(id, "A", "1"));
            c.check(neu(id, "inactive", "1", "legacy"));
        }
        for (long id = 10; id <= 13; id++) {
            c.check(neu(id, "active", "1", "legacy"));
        }

        Drift drift = c.finish(5, 9);

        assertThat(drift.differing()).isEqualTo(5);
        assertThat(drift.onlyInNew()).isEqualTo(4);
        assertThat(drift.examples()).extracting(e -> e.kind() + " " + e.key().get("id"))
                .containsExactly("DIFFERING 1", "DIFFERING 2", "ONLY_IN_NEW 10", "ONLY_IN_NEW 11");
    }

    @Test
    void zeroLimitKeepsCountsOnly() throws Exception {
        DriftCollector c = new DriftCollector(mapping(), 0);
        c.expect(legacy(1, "A", "1"));

        Drift drift = c.finish(1, 0);

        assertThat(drift.onlyInLegacy()).isEqualTo(1);
        assertThat(drift.examples()).isEmpty();
    }

    /** acct(acct_id, stat_cd, bal_amt) -> accounts(id, status, balance, source) with a status value map and a constant source. */
    private static TableMapping mapping() throws Exception {
        TableSchema legacy = new TableSchema(LEGACY, List.of(
                ColumnDef.of("acct_id", ColumnType.INT64, "int8", false),
                ColumnDef.of("stat_cd", ColumnType.STRING, "bpchar", false),
                new ColumnDef("bal_amt", ColumnType.DECIMAL, "numeric", true, 14, 4)), List.of("acct_id"));
        TableSchema neu = new TableSchema(NEW, List.of(
                ColumnDef.of("id", ColumnType.INT64, "int8", false),
                ColumnDef.of("status", ColumnType.STRING, "text", false),
                new ColumnDef("balance", ColumnType.DECIMAL, "numeric", true, 14, 4),
                ColumnDef.of("source", ColumnType.STRING, "text", false)), List.of("id"));
        TableMappingSpec spec = new TableMappingSpec(LEGACY, NEW, List.of(), List.of(
                ColumnRule.rename("acct_id", "id"),
                new ColumnRule("stat_cd", "status", Map.of("A", "active", "I", "inactive"), null, false),
                ColumnRule.rename("bal_amt", "balance")), Map.of("source", "legacy"), Map.of(), null, Map.of());
        return TableMapping.compile(spec, legacy, neu);
    }

    private static RowImage legacy(long id, String status, String balance) {
        return RowImage.builder().put("acct_id", id).put("stat_cd", status).put("bal_amt", new BigDecimal(balance)).build();
    }

    private static RowImage neu(long id, String status, String balance, String source) {
        return RowImage.builder().put("id", id).put("status", status).put("balance", new BigDecimal(balance))
                .put("source", source).build();
    }
}
