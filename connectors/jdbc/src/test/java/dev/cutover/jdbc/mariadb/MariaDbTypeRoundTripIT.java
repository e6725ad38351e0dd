package dev.cutover.jdbc.mariadb;

import static dev.cutover.jdbc.testing.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.JdbcRowReader;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.jdbc.testing.Changes;
import dev.cutover.jdbc.testing.RowWrites;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every supported MariaDB type written by the applier reads back equal, and is stored as the
 * value it stands for. (MariaDB drops trailing spaces of {@code char} values when reading them,
 * has no NaN or infinite floats, and parses a float's text as a double, which makes
 * {@code Float.MAX_VALUE} out of range; the values here avoid all three.)
 */
class MariaDbTypeRoundTripIT {

    private static MariaDbTestDatabase db;
    private static JdbcConnectionFactory connections;
    private static TableSchema schema;

    @BeforeAll
    static void createTable() throws Exception {
        db = MariaDbTestDatabase.create("cutover_jdbc");
        db.execute("CREATE TABLE everything (id int PRIMARY KEY, flag boolean, t tinyint, tu tinyint unsigned,"
                + " s smallint, su smallint unsigned, m mediumint, mu mediumint unsigned, i int, iu int unsigned,"
                + " b bigint, bu bigint unsigned, y year, f float, d double, n decimal(20,6), c char(3), v varchar(40),"
                + " tt tinytext, tx text, mt mediumtext, lt longtext, e enum('sad','ok','happy'), st set('x','y'), j json,"
                + " bn binary(4), vb varbinary(10), tb tinyblob, bl blob, mb mediumblob, lb longblob, u uuid,"
                + " dt date, tm time(6), ldt datetime(6), ts timestamp(6) NULL)");
        connections = JdbcConnectionFactory.of(db.jdbcUrl(), db.user(), db.password());
        schema = new JdbcSchemaReader(connections).read(new TableId(db.name(), "everything"));
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void empty() {
        db.execute("DELETE FROM everything");
    }

    @Test
    void everyTypeRoundTripsExactlyIncludingNulls() throws Exception {
        write(fullRow(1), nullRow(2), extremeRow(3), otherExtremeRow(4));

        assertThat(new JdbcRowReader(connections).readAll(schema)).containsExactly(fullRow(1), nullRow(2), extremeRow(3), otherExtremeRow(4));
    }

    @Test
    void storesTheValuesTheCanonicalObjectsStandFor() throws Exception {
        write(fullRow(1));

        assertThat(db.queryRows("SELECT UNIX_TIMESTAMP(ts) AS epoch, CAST(ldt AS CHAR) AS ldt, CAST(n AS CHAR) AS n,"
                + " HEX(vb) AS vb, e, st, CAST(tm AS CHAR) AS tm, JSON_VALUE(j, '$.b') AS jb, CAST(u AS CHAR) AS u,"
                + " CAST(bu AS CHAR) AS bu, flag + 0 AS flag FROM everything WHERE id = 1")).singleElement().satisfies(r -> {
                    assertThat(r.get("epoch")).isEqualTo(new BigDecimal("1709251199.123456"));
                    assertThat(r).containsEntry("ldt", "1969-07-20 20:17:40.500000").containsEntry("n", "-12345678901234.123456")
                            .containsEntry("vb", "00FF7F80").containsEntry("e", "happy").containsEntry("st", "x,y")
                            .containsEntry("tm", "23:59:59.999999").containsEntry("jb", "Grüße")
                            .containsEntry("u", "123e4567-e89b-12d3-a456-426614174000").containsEntry("bu", "18446744073709551615");
                    assertThat(((Number) r.get("flag")).intValue()).isEqualTo(1);
                });
    }

    /** The driver converts some date-time classes through the JVM's zone; the values bound and read must not be among them. */
    @Test
    void keepsInstantsAndWallClockTimesExactWhenTheJvmZoneIsNotUtc() throws Exception {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
        try {
            write(fullRow(1));

            assertThat(new JdbcRowReader(connections).readAll(schema)).containsExactly(fullRow(1));
        } finally {
            TimeZone.setDefault(original);
        }
        assertThat(db.queryRows("SELECT UNIX_TIMESTAMP(ts) AS epoch, CAST(ldt AS CHAR) AS ldt FROM everything")).containsExactly(
                Map.of("epoch", new BigDecimal("1709251199.123456"), "ldt", "1969-07-20 20:17:40.500000"));
    }

    @Test
    void writesASecondTimeAsTheSameRow() throws Exception {
        write(fullRow(1));
        write(fullRow(1));

        assertThat(new JdbcRowReader(connections).readByKeys(schema, List.of(row("id", 1)))).containsExactly(fullRow(1));
    }

    @Test
    void refusesAValueTheColumnCannotHoldInsteadOfTruncatingIt() throws Exception {
        Changes changes = new Changes(schema.table(), "id");
        ChangeEvent tooLong = changes.create("id", 7, "v", "x".repeat(41));
        ChangeEvent outOfRange = changes.create("id", 8, "tu", (short) 256);
        ChangeEvent badJson = changes.create("id", 9, "j", "{not json");
        ChangeEvent badEnum = changes.create("id", 10, "e", "angry");
        ChangeEvent fits = changes.create("id", 11, "v", "x".repeat(40));
        List<ChangeEvent> batch = List.of(tooLong, outOfRange, badJson, badEnum, fits);
        try (JdbcApplier applier = new JdbcApplier(connections, Map.of(schema.table(), schema))) {
            var result = applier.apply(batch);

            assertThat(result.rejected()).extracting(r -> r.change()).containsExactly(tooLong, outOfRange, badJson, badEnum);
            assertThat(result.rejected().get(0).reason()).contains("error 1406").contains("'v'");
            assertThat(result.applied()).containsExactly(fits);
        }
        assertThat(db.queryRows("SELECT id FROM everything")).containsExactly(Map.of("id", 11));
    }

    private static void write(RowImage... rows) throws Exception {
        RowWrites.createAll(connections, schema, rows);
    }

    private static RowImage fullRow(int id) {
        return RowImage.builder().put("id", id).put("flag", true).put("t", (short) -2).put("tu", (short) 200).put("s", (short) -300)
                .put("su", 60_000).put("m", -8_000_000).put("mu", 16_000_000).put("i", 40_000).put("iu", 4_000_000_000L)
                .put("b", 5_000_000_000L).put("bu", new BigDecimal("18446744073709551615")).put("y", (short) 2024)
                .put("f", 1.5f).put("d", 0.1d).put("n", new BigDecimal("-12345678901234.123456"))
                .put("c", "abc").put("v", "emoji 🧪").put("tt", "tiny").put("tx", "Grüße 👋 日本語 \t\n\"quoted\" \\ 'x'")
                .put("mt", "medium").put("lt", "long ".repeat(1000)).put("e", "happy").put("st", "x,y")
                .put("j", "{\"a\": [1, 2],  \"b\":\"Grüße\"}").put("bn", new byte[] {0, -1, 127, -128})
                .put("vb", new byte[] {0, -1, 127, -128}).put("tb", new byte[] {1}).put("bl", new byte[] {2, 3})
                .put("mb", new byte[] {4}).put("lb", new byte[] {5, 6, 7})
                .put("u", UUID.fromString("123e4567-e89b-12d3-a456-426614174000")).put("dt", LocalDate.of(2024, 2, 29))
                .put("tm", LocalTime.of(23, 59, 59, 999_999_000)).put("ldt", LocalDateTime.of(1969, 7, 20, 20, 17, 40, 500_000_000))
                .put("ts", Instant.parse("2024-02-29T23:59:59.123456Z")).build();
    }

    private static RowImage nullRow(int id) {
        RowImage.Builder row = RowImage.builder().put("id", id);
        schema.columnNames().stream().skip(1).forEach(column -> row.put(column, null));
        return row.build();
    }

    private static RowImage extremeRow(int id) {
        return RowImage.builder().put("id", id).put("flag", false).put("t", (short) -128).put("tu", (short) 255)
                .put("s", Short.MIN_VALUE).put("su", 65_535).put("m", -8_388_608).put("mu", 16_777_215).put("i", Integer.MIN_VALUE)
                .put("iu", 4_294_967_295L).put("b", Long.MIN_VALUE).put("bu", BigDecimal.ZERO).put("y", (short) 1901)
                .put("f", -3.0E38f).put("d", Double.MAX_VALUE).put("n", new BigDecimal("0.000001"))
                .put("c", "").put("v", "x".repeat(40)).put("tt", "").put("tx", "").put("mt", "").put("lt", "").put("e", "sad")
                .put("st", "").put("j", "[]").put("bn", new byte[] {0, 0, 0, 1}).put("vb", new byte[0]).put("tb", new byte[0])
                .put("bl", new byte[0]).put("mb", new byte[0]).put("lb", new byte[0]).put("u", new UUID(0, 1))
                .put("dt", LocalDate.of(1000, 1, 1)).put("tm", LocalTime.MIDNIGHT)
                .put("ldt", LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000)).put("ts", Instant.parse("1970-01-01T00:00:01Z"))
                .build();
    }

    private static RowImage otherExtremeRow(int id) {
        return RowImage.builder().put("id", id).put("flag", null).put("t", (short) 127).put("tu", (short) 0)
                .put("s", Short.MAX_VALUE).put("su", 0).put("m", 8_388_607).put("mu", 0).put("i", Integer.MAX_VALUE)
                .put("iu", 0L).put("b", Long.MAX_VALUE).put("bu", new BigDecimal("9223372036854775808")).put("y", (short) 2155)
                .put("f", Float.MIN_VALUE).put("d", -Double.MIN_VALUE).put("n", new BigDecimal("99999999999999.999999"))
                .put("c", "x y").put("v", "").put("tt", null).put("tx", "null").put("mt", null).put("lt", null).put("e", "ok")
                .put("st", "y").put("j", "null").put("bn", null).put("vb", null).put("tb", null).put("bl", null).put("mb", null)
                .put("lb", null).put("u", new UUID(-1, -1)).put("dt", LocalDate.of(9999, 12, 31)).put("tm", LocalTime.of(0, 0, 0, 1_000))
                .put("ldt", LocalDateTime.of(1000, 1, 1, 0, 0)).put("ts", Instant.parse("2038-01-19T03:14:07.999999Z")).build();
    }
}
