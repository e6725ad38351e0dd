package dev.cutover.jdbc.postgres;

import static dev.cutover.jdbc.testing.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.JdbcRowReader;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.jdbc.load.PostgresSnapshotCopy;
import dev.cutover.jdbc.load.RowMapping;
import dev.cutover.jdbc.testing.RowWrites;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every supported PostgreSQL type written by the applier reads back equal, and is stored as the value it stands for. */
class PostgresTypeRoundTripIT {

    private static final UUID ID = UUID.fromString("7d444840-9dc0-11d1-b245-5ffdce74fad2");

    private static PostgresTestDatabase db;
    private static JdbcConnectionFactory connections;
    private static TableSchema schema;

    @BeforeAll
    static void createTable() throws Exception {
        db = PostgresTestDatabase.create("cutover_jdbc");
        db.execute("CREATE EXTENSION IF NOT EXISTS citext",
                "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE SCHEMA paint",
                "CREATE TYPE paint.color AS ENUM ('red', 'blue')",
                "CREATE TABLE everything (id uuid PRIMARY KEY, b bool, i2 int2, i4 int4, i8 int8, f4 float4, f8 float8,"
                        + " n numeric(20,6), nu numeric, tx text, vc varchar(40), ch char(3), ci citext, j json, jb jsonb,"
                        + " by bytea, u uuid, d date, tm time, ts timestamp, tz timestamptz, m mood, c paint.color)");
        connections = JdbcConnectionFactory.of(db.jdbcUrl(), db.user(), (char[]) null);
        schema = new JdbcSchemaReader(connections).read(new TableId("public", "everything"));
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void readsTheSchemaOfEveryType() {
        assertThat(schema.columns()).extracting(ColumnDef::type).containsExactly(ColumnType.UUID, ColumnType.BOOLEAN,
                ColumnType.INT16, ColumnType.INT32, ColumnType.INT64, ColumnType.FLOAT32, ColumnType.FLOAT64, ColumnType.DECIMAL,
                ColumnType.DECIMAL, ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.JSON,
                ColumnType.JSON, ColumnType.BYTES, ColumnType.UUID, ColumnType.DATE, ColumnType.TIME, ColumnType.TIMESTAMP,
                ColumnType.TIMESTAMPTZ, ColumnType.STRING, ColumnType.STRING);
    }

    @Test
    void everyTypeRoundTripsExactlyIncludingNulls() throws Exception {
        RowImage full = fullRow(ID);
        RowImage nulls = nullRow(UUID.fromString("00000000-0000-0000-0000-000000000001"));
        RowImage extremes = extremeRow(UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"));

        write(full, nulls, extremes);

        assertThat(new JdbcRowReader(connections).readAll(schema)).containsExactly(nulls, full, extremes);
    }

    @Test
    void storesTheValuesTheCanonicalObjectsStandFor() throws Exception {
        write(fullRow(ID));

        assertThat(db.queryRows("SELECT (tz AT TIME ZONE 'UTC')::text AS tz, ts::text AS ts, n::text AS n, nu::text AS nu,"
                + " encode(by, 'hex') AS by, m::text AS m, c::text AS c, tm::text AS tm, j::text AS j, jb->>'b' AS jb"
                + " FROM everything WHERE id = '" + ID + "'")).containsExactly(Map.of(
                        "tz", "2024-02-29 23:59:59.123456", "ts", "1969-07-20 20:17:40.5", "n", "-12345678901234.123456",
                        "nu", "1.000000000000000000001000", "by", "00ff7f80", "m", "happy", "c", "blue",
                        "tm", "23:59:59.999999", "j", "{\"a\": [1, 2],  \"b\":{\"c\":null}}", "jb", "Grüße"));
    }

    @Test
    void writesASecondTimeAsTheSameRow() throws Exception {
        write(fullRow(ID));
        write(fullRow(ID));

        assertThat(new JdbcRowReader(connections).readByKeys(schema, List.of(row("id", ID)))).containsExactly(fullRow(ID));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mapped", "taken as is"})
    void everyTypeCopiedAsCopyTextReadsBackEqual(String how) throws Exception {
        db.execute("DROP TABLE IF EXISTS everything_source, everything_copy",
                "CREATE TABLE everything_source (LIKE everything INCLUDING ALL)", "CREATE TABLE everything_copy (LIKE everything INCLUDING ALL)");
        TableSchema source = new JdbcSchemaReader(connections).read(new TableId("public", "everything_source"));
        TableSchema copied = new JdbcSchemaReader(connections).read(new TableId("public", "everything_copy"));
        RowImage full = fullRow(ID);
        RowImage nulls = nullRow(UUID.fromString("00000000-0000-0000-0000-000000000001"));
        RowImage extremes = extremeRow(UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"));
        RowWrites.createAll(connections, source, full, nulls, extremes);
        PostgresSnapshotCopy copy = new PostgresSnapshotCopy(connections, connections);
        Map<String, String> asIs = new HashMap<>();
        if (how.equals("taken as is")) {
            source.columnNames().forEach(c -> asIs.put(c, c));
        }

        try (PostgresSnapshotCopy.Snapshot snapshot = copy.exportSnapshot()) {
            for (PostgresSnapshotCopy.PageRange range : copy.chunks(source, 1)) {
                copy.copyChunk(snapshot, source, range, copied, new RowMapping(row -> row, asIs, true), false);
            }
        }

        assertThat(new JdbcRowReader(connections).readAll(copied)).containsExactly(nulls, full, extremes);
    }

    private static void write(RowImage... rows) throws Exception {
        RowWrites.createAll(connections, schema, rows);
    }

    private static RowImage fullRow(UUID id) {
        return RowImage.builder().put("id", id).put("b", true).put("i2", (short) -2).put("i4", 40_000).put("i8", 5_000_000_000L)
                .put("f4", 1.5f).put("f8", 0.1d).put("n", new BigDecimal("-12345678901234.123456"))
                .put("nu", new BigDecimal("1.000000000000000000001000")).put("tx", "Grüße 👋 日本語 \t\n\"quoted\" \\ 'x'")
                .put("vc", "emoji 🧪").put("ch", "abc").put("ci", "MiXeD").put("j", "{\"a\": [1, 2],  \"b\":{\"c\":null}}")
                .put("jb", "{\"a\": 1, \"b\": \"Grüße\"}").put("by", new byte[] {0, -1, 127, -128})
                .put("u", UUID.fromString("123e4567-e89b-12d3-a456-426614174000")).put("d", LocalDate.of(2024, 2, 29))
                .put("tm", LocalTime.of(23, 59, 59, 999_999_000)).put("ts", LocalDateTime.of(1969, 7, 20, 20, 17, 40, 500_000_000))
                .put("tz", Instant.parse("2024-02-29T23:59:59.123456Z")).put("m", "happy").put("c", "blue").build();
    }

    private static RowImage nullRow(UUID id) {
        RowImage.Builder row = RowImage.builder().put("id", id);
        schema.columnNames().stream().skip(1).forEach(column -> row.put(column, null));
        return row.build();
    }

    private static RowImage extremeRow(UUID id) {
        return RowImage.builder().put("id", id).put("b", false).put("i2", Short.MIN_VALUE).put("i4", Integer.MAX_VALUE)
                .put("i8", Long.MIN_VALUE).put("f4", Float.POSITIVE_INFINITY).put("f8", Double.NaN)
                .put("n", new BigDecimal("0.000001")).put("nu", new BigDecimal("-1E+30")).put("tx", "").put("vc", "x".repeat(40))
                .put("ch", "   ").put("ci", "").put("j", "[]").put("jb", "null").put("by", new byte[0])
                .put("u", new UUID(0, 0)).put("d", LocalDate.of(1, 1, 1)).put("tm", LocalTime.MIDNIGHT)
                .put("ts", LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000)).put("tz", Instant.parse("1900-01-01T00:00:00.000001Z"))
                .put("m", "sad").put("c", "red").build();
    }
}
