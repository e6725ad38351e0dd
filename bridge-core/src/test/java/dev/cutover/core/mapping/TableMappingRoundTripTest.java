package dev.cutover.core.mapping;

import static dev.cutover.core.mapping.MappingFixtures.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.MappingFixtures.SpecBuilder;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Property tests over random rows: every rename, widening, value map and built-in conversion
 * maps a legacy row onto the new table and back to the same row (minus ignored columns, plus
 * legacy defaults). Rows come from a seeded generator, so a failure names a seed that reproduces it.
 */
class TableMappingRoundTripTest {

    private static final int ROWS = 3_000;
    private static final long BASE_SEED = 0x5EED_C0DEL;
    private static final TableId LEGACY = new TableId("legacy", "wide");
    private static final TableId NEW = new TableId("new", "wide");
    private static final Instant COMMIT = Instant.parse("2024-05-01T12:00:00Z");

    private static TableMapping mapping;

    /** One legacy column, the new column it becomes, its rule and a generator of legacy values. */
    private record Pair(ColumnDef legacy, ColumnDef target, ColumnRule rule, Function<Random, Object> values) {
    }

    private static final List<Pair> PAIRS = List.of(
            pair("id", ColumnType.INT64, "id", ColumnType.INT64, null, false, Random::nextLong),
            pair("nm", ColumnType.STRING, "name", ColumnType.STRING, null, true, TableMappingRoundTripTest::text),
            pair("code", ColumnType.STRING, "status", ColumnType.STRING, "values", true, r -> pick(r, "A", "I", "X")),
            pair("tiny", ColumnType.INT16, "tiny", ColumnType.INT64, null, true, r -> (short) r.nextInt()),
            pair("ratio", ColumnType.FLOAT32, "ratio", ColumnType.FLOAT64, null, true, r -> Float.intBitsToFloat(r.nextInt())),
            pair("doc", ColumnType.JSON, "doc", ColumnType.STRING, null, true, r -> "{\"n\":" + r.nextInt() + "}"),
            pair("crt_s", ColumnType.INT64, "created", ColumnType.TIMESTAMPTZ, "epoch-seconds-to-timestamp", true,
                    r -> r.nextLong() % 100_000_000_000L),
            pair("crt_ms", ColumnType.INT64, "created_ms", ColumnType.TIMESTAMPTZ, "epoch-millis-to-timestamp", true, Random::nextLong),
            pair("upd_ts", ColumnType.TIMESTAMP, "updated", ColumnType.TIMESTAMPTZ, "timestamp-to-timestamptz", true,
                    TableMappingRoundTripTest::timestamp),
            pair("birth", ColumnType.STRING, "birth", ColumnType.DATE, "date-string-to-date", true, r -> date(r).toString()),
            pair("due", ColumnType.INT32, "due", ColumnType.DATE, "yyyymmdd-to-date", true, r -> yyyymmdd(date(r))),
            pair("act_yn", ColumnType.STRING, "active", ColumnType.BOOLEAN, "yn-to-boolean", true, r -> pick(r, "Y", "N")),
            pair("del_flg", ColumnType.INT16, "deleted", ColumnType.BOOLEAN, "int-to-boolean", true, r -> (short) r.nextInt(2)),
            pair("qty", ColumnType.STRING, "qty", ColumnType.INT32, "string-to-integer", true, r -> Integer.toString(r.nextInt())),
            pair("zip", ColumnType.INT32, "zip", ColumnType.STRING, "integer-to-string", true, Random::nextInt),
            pair("price", ColumnType.STRING, "price", ColumnType.DECIMAL, "string-to-decimal", true,
                    r -> BigDecimal.valueOf(r.nextLong(), r.nextInt(7)).toPlainString()),
            pair("ref", ColumnType.STRING, "ref", ColumnType.UUID, "string-to-uuid", true,
                    r -> new UUID(r.nextLong(), r.nextLong()).toString()));

    @BeforeAll
    static void compile() throws MappingException {
        List<ColumnDef> legacyColumns = new java.util.ArrayList<>(PAIRS.stream().map(Pair::legacy).toList());
        legacyColumns.add(column("scratch", ColumnType.STRING, "text", true));
        legacyColumns.add(column("batch_no", ColumnType.INT32, "int4", false));
        List<ColumnDef> newColumns = new java.util.ArrayList<>(PAIRS.stream().map(Pair::target).toList());
        newColumns.add(column("origin", ColumnType.STRING, "text", false));
        SpecBuilder spec = new SpecBuilder(LEGACY, NEW)
                .rule(ColumnRule.ignore("scratch"))
                .rule(ColumnRule.ignore("batch_no"))
                .newDefault("origin", "legacy")
                .legacyDefault("batch_no", "0");
        PAIRS.forEach(p -> spec.rule(p.rule()));
        mapping = TableMapping.compile(spec.build(), new TableSchema(LEGACY, legacyColumns, List.of("id")),
                new TableSchema(NEW, newColumns, List.of("id")));
    }

    @Test
    void theMappingUnderTestIsInvertible() {
        assertThat(mapping.invertible()).as(mapping.inversionProblems().toString()).isTrue();
    }

    @Test
    void everyRowMapsBackToItselfLessIgnoredColumnsPlusLegacyDefaults() throws MappingException {
        for (int i = 0; i < ROWS; i++) {
            long seed = BASE_SEED + i;
            RowImage row = legacyRow(new Random(seed));

            RowImage back = mapping.rowToLegacy(mapping.rowToNew(row));

            assertThat(back).as("seed %d, row %s", seed, row).isEqualTo(expectedBack(row));
        }
    }

    @Test
    void everyMappedValueHasItsTargetColumnsCanonicalType() throws MappingException {
        for (int i = 0; i < ROWS; i++) {
            long seed = BASE_SEED + i;
            RowImage mapped = mapping.rowToNew(legacyRow(new Random(seed)));
            for (ColumnDef target : mapping.newSchema().columns()) {
                Object value = mapped.get(target.name());
                if (value != null) {
                    assertThat(value).as("seed %d, column %s", seed, target.name()).isInstanceOf(target.type().javaType());
                }
            }
        }
    }

    @Test
    void everyChangeEventMapsBackToItself() throws MappingException {
        for (int i = 0; i < ROWS / 10; i++) {
            long seed = BASE_SEED + i;
            Random random = new Random(seed);
            RowImage before = legacyRow(random);
            RowImage after = withId(legacyRow(random), before.get("id"));
            SourcePosition position = new SourcePosition("lsn", "0/" + Long.toHexString(seed));
            ChangeEvent update = ChangeEvent.update(SystemSide.LEGACY, LEGACY, List.of("id"), before, after, COMMIT, position, "tx" + i);
            ChangeEvent delete = ChangeEvent.delete(SystemSide.LEGACY, LEGACY, List.of("id"), before.project(List.of("id")),
                    COMMIT, position, "tx" + i);

            assertThat(mapping.toLegacy(mapping.toNew(update))).as("seed %d", seed).isEqualTo(
                    ChangeEvent.update(SystemSide.LEGACY, LEGACY, List.of("id"), expectedBackBefore(before), expectedBack(after),
                            COMMIT, position, "tx" + i));
            assertThat(mapping.toLegacy(mapping.toNew(delete))).as("seed %d", seed).isEqualTo(delete);
        }
    }

    @Test
    void everyCodeOutsideTheValueMapIsRefused() {
        Random random = new Random(BASE_SEED);
        for (int i = 0; i < ROWS / 10; i++) {
            String code = text(random);
            if (code == null || List.of("A", "I", "X").contains(code)) {
                continue;
            }
            RowImage row = withValue(legacyRow(random), "code", code);

            assertThatThrownBy(() -> mapping.rowToNew(row)).as("code %s", code)
                    .isInstanceOf(MappingException.class)
                    .hasMessageContaining("columns.code.values")
                    .hasMessageContaining("known: A, I, X");
        }
    }

    private static Pair pair(String legacyName, ColumnType legacyType, String newName, ColumnType newType, String how,
            boolean nullable, Function<Random, Object> values) {
        ColumnRule rule;
        if ("values".equals(how)) {
            Map<String, String> map = new LinkedHashMap<>();
            map.put("A", "active");
            map.put("I", "inactive");
            map.put("X", "unknown");
            rule = new ColumnRule(legacyName, newName, map, null, false);
        } else {
            rule = new ColumnRule(legacyName, newName, Map.of(), how, false);
        }
        Function<Random, Object> generator = nullable ? r -> r.nextInt(10) == 0 ? null : values.apply(r) : values;
        return new Pair(column(legacyName, legacyType, legacyType.name().toLowerCase(), nullable),
                column(newName, newType, newType.name().toLowerCase(), nullable), rule, generator);
    }

    private static RowImage legacyRow(Random random) {
        RowImage.Builder row = RowImage.builder();
        PAIRS.forEach(p -> row.put(p.legacy().name(), p.values().apply(random)));
        row.put("scratch", text(random));
        row.put("batch_no", random.nextInt());
        return row.build();
    }

    /** The row after a round trip: the ignored scratch column is gone and batch_no is its legacy default. */
    private static RowImage expectedBack(RowImage row) {
        Map<String, Object> expected = new LinkedHashMap<>(row.asMap());
        expected.remove("scratch");
        expected.put("batch_no", 0);
        return RowImage.of(expected);
    }

    /** A before image gets no defaults: the ignored columns are simply gone. */
    private static RowImage expectedBackBefore(RowImage row) {
        Map<String, Object> expected = new LinkedHashMap<>(row.asMap());
        expected.remove("scratch");
        expected.remove("batch_no");
        return RowImage.of(expected);
    }

    private static RowImage withId(RowImage row, Object id) {
        return withValue(row, "id", id);
    }

    private static RowImage withValue(RowImage row, String column, Object value) {
        Map<String, Object> values = new LinkedHashMap<>(row.asMap());
        values.put(column, value);
        return RowImage.of(values);
    }

    private static String text(Random random) {
        if (random.nextInt(10) == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            sb.appendCodePoint(random.nextBoolean() ? 'a' + random.nextInt(26) : 0x20 + random.nextInt(0x2000));
        }
        return sb.toString();
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    private static LocalDate date(Random random) {
        return LocalDate.ofEpochDay(random.nextLong(LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay() + 1));
    }

    private static LocalDateTime timestamp(Random random) {
        return date(random).atTime(random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000_000));
    }

    private static int yyyymmdd(LocalDate date) {
        return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }
}
