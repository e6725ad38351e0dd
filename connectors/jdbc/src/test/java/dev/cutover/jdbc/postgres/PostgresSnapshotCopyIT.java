package dev.cutover.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.jdbc.load.PostgresSnapshotCopy;
import dev.cutover.jdbc.load.RowMapping;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A table copied in page-range chunks under one exported snapshot holds each row the snapshot sees exactly once, mapped. */
class PostgresSnapshotCopyIT {

    private PostgresTestDatabase db;
    private JdbcConnectionFactory connections;
    private TableSchema source;
    private TableSchema target;
    private PostgresSnapshotCopy copy;

    @BeforeEach
    void createTables() throws Exception {
        db = PostgresTestDatabase.create("cutover_copy");
        db.execute("CREATE TABLE src (id bigint PRIMARY KEY, v text NOT NULL)",
                "INSERT INTO src SELECT g, 'row ' || g FROM generate_series(1, 20000) g",
                "CREATE TABLE dst (id bigint PRIMARY KEY, v text NOT NULL)");
        connections = JdbcConnectionFactory.of(db.jdbcUrl(), db.user(), (char[]) null);
        source = new JdbcSchemaReader(connections).read(new TableId("public", "src"));
        target = new JdbcSchemaReader(connections).read(new TableId("public", "dst"));
        copy = new PostgresSnapshotCopy(connections, connections);
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    void everyRowTheSnapshotSeesIsCopiedOnceAndLaterWritesAreNot() throws Exception {
        List<PostgresSnapshotCopy.PageRange> chunks = copy.chunks(source, 10);
        long copied = 0;
        try (PostgresSnapshotCopy.Snapshot snapshot = copy.exportSnapshot()) {
            db.execute("INSERT INTO src VALUES (20001, 'after the snapshot')", "UPDATE src SET v = 'changed after' WHERE id = 1",
                    "DELETE FROM src WHERE id = 2");
            for (PostgresSnapshotCopy.PageRange range : chunks) {
                copied += copy.copyChunk(snapshot, source, range, target, RowMapping.of(row -> RowImage.builder().put("id", row.get("id"))
                        .put("v", row.get("v").toString().toUpperCase()).build()), false);
            }
        }

        assertThat(chunks).as("the table spans many chunks of ten pages").hasSizeGreaterThan(5);
        assertThat(copied).isEqualTo(20_000);
        assertThat(db.queryRows("SELECT count(*) AS n, count(DISTINCT id) AS ids, min(id) AS lo, max(id) AS hi FROM dst"))
                .containsExactly(Map.of("n", 20_000L, "ids", 20_000L, "lo", 1L, "hi", 20_000L));
        assertThat(db.queryRows("SELECT v FROM dst WHERE id IN (1, 2) ORDER BY id"))
                .as("as the snapshot saw them, mapped").containsExactly(Map.of("v", "ROW 1"), Map.of("v", "ROW 2"));
        assertThat(copy.targetEmpty(target)).isFalse();
    }

    @Test
    void intoATargetHoldingRowsAlreadyTheChunkIsUpsertedTheSnapshotsVersionWinning() throws Exception {
        db.execute("INSERT INTO dst VALUES (1, 'older version'), (20001, 'only in the target')");

        try (PostgresSnapshotCopy.Snapshot snapshot = copy.exportSnapshot()) {
            for (PostgresSnapshotCopy.PageRange range : copy.chunks(source, 40)) {
                copy.copyChunk(snapshot, source, range, target, new RowMapping(row -> row, Map.of("id", "id", "v", "v"), true), true);
            }
        }

        assertThat(db.queryRows("SELECT count(*) AS n FROM dst")).containsExactly(Map.of("n", 20_001L));
        assertThat(db.queryRows("SELECT v FROM dst WHERE id IN (1, 20001) ORDER BY id"))
                .containsExactly(Map.of("v", "row 1"), Map.of("v", "only in the target"));
    }

    @Test
    void aChunkWhoseRowFailsToMapWritesNothing() throws Exception {
        try (PostgresSnapshotCopy.Snapshot snapshot = copy.exportSnapshot()) {
            PostgresSnapshotCopy.PageRange everything = new PostgresSnapshotCopy.PageRange(0, -1);
            assertThatThrownBy(() -> copy.copyChunk(snapshot, source, everything, target, RowMapping.of(row -> {
                if (row.get("id").equals(15_000L)) {
                    throw new IllegalStateException("row 15000 does not map");
                }
                return row;
            }), false)).hasMessageContaining("row 15000 does not map");
        }

        assertThat(copy.targetEmpty(target)).as("the COPY was cancelled: none of the rows before the failure stayed").isTrue();
    }

    /** Every supported type, with the spellings COPY escapes or names (tabs, newlines, backslashes, NaN, infinity, BC). */
    private static final String ALL_TYPES = "(id int8 PRIMARY KEY, b bool, s int2, i int4, f4 float4, f8 float8, n numeric(20,4),"
            + " t text, c char(3), j jsonb, y bytea, u uuid, d date, tm time, ts timestamp, tz timestamptz)";

    private TableSchema allFrom;
    private TableSchema allTo;

    /** Creates and fills all_src but for the rows {@code leftOut}, an empty all_dst, and reads both. */
    private void fillAllTypes(String leftOut) throws Exception {
        db.execute("CREATE TABLE all_src " + ALL_TYPES, "CREATE TABLE all_dst " + ALL_TYPES,
                "INSERT INTO all_src SELECT g, g % 2 = 0, g % 100, g, g / 3.0, g / 7.0, g / 9.0, 'row ' || g || E'\\t\\n\\\\ \u00e9',"
                        + " 'ab', jsonb_build_object('g', g, 'q', E'a\\tb'), decode(md5(g::text), 'hex'), md5(g::text)::uuid,"
                        + " date '2020-01-01' + g, time '00:00:01' + g * interval '1 second', timestamp '2020-01-01' + g * interval '1 ms',"
                        + " timestamptz '2020-01-01 00:00:00+02' + g * interval '1 us' FROM generate_series(1, 3000) g",
                "INSERT INTO all_src (id) VALUES (3001)",
                "INSERT INTO all_src VALUES (3002, true, 0, 0, 'NaN', '-Infinity', 'NaN', '', ' ', '{}', '', "
                        + " '00000000-0000-0000-0000-000000000000', 'infinity', '24:00:00', '-infinity', 'infinity')",
                "INSERT INTO all_src (id, d, ts) VALUES (3003, '0044-03-15 BC', '0044-03-15 10:00 BC')",
                "DELETE FROM all_src WHERE id IN (" + leftOut + ")");
        allFrom = schemaOf("all_src");
        allTo = schemaOf("all_dst");
    }

    private TableSchema schemaOf(String table) throws Exception {
        return new JdbcSchemaReader(connections).read(new TableId("public", table));
    }

    private long differingRows() throws Exception {
        return (Long) db.queryRows("SELECT (SELECT count(*) FROM (SELECT * FROM all_src EXCEPT SELECT * FROM all_dst) a)"
                + " + (SELECT count(*) FROM (SELECT * FROM all_dst EXCEPT SELECT * FROM all_src) b) AS n").get(0).get("n");
    }

    @Test
    void valuesOfEveryTypeCrossExactlyWhetherTakenAsIsOrMapped() throws Exception {
        fillAllTypes("3002, 3003");
        Map<String, String> halfAsIs = Map.of("id", "id", "s", "s", "f4", "f4", "t", "t", "y", "y", "d", "d", "ts", "ts");

        try (PostgresSnapshotCopy.Snapshot snapshot = copy.exportSnapshot()) {
            for (PostgresSnapshotCopy.PageRange range : copy.chunks(allFrom, 10)) {
                copy.copyChunk(snapshot, allFrom, range, allTo, new RowMapping(row -> row, halfAsIs, true), false);
            }
        }

        assertThat(db.queryRows("SELECT count(*) AS n FROM all_dst")).containsExactly(Map.of("n", 3001L));
        assertThat(differingRows()).as("rows in one table and not the other").isZero();
    }

    @Test
    void aValueTheTextPathDoesNotReadBackIsCopiedRowByRow() throws Exception {
        fillAllTypes("3003");

        long copied;
        try (PostgresSnapshotCopy.Snapshot snapshot = copy.exportSnapshot()) {
            copied = copy.copyChunk(snapshot, allFrom, new PostgresSnapshotCopy.PageRange(0, -1), allTo, RowMapping.of(row -> row), true);
        }

        assertThat(copied).isEqualTo(3002);
        assertThat(db.queryRows("SELECT tm FROM all_dst WHERE id = 3002")).containsExactly(Map.of("tm", java.sql.Time.valueOf("24:00:00")));
        assertThat(differingRows()).isZero();
    }

    @Test
    void aBcDateCrossesWhenTakenAsIs() throws Exception {
        fillAllTypes("0");
        Map<String, String> all = new java.util.HashMap<>();
        allFrom.columns().forEach(c -> all.put(c.name(), c.name()));

        try (PostgresSnapshotCopy.Snapshot snapshot = copy.exportSnapshot()) {
            copy.copyChunk(snapshot, allFrom, new PostgresSnapshotCopy.PageRange(0, -1), allTo, new RowMapping(row -> {
                throw new AssertionError("nothing is mapped when every column is taken as is");
            }, all, true), false);
        }

        assertThat(differingRows()).isZero();
    }
}
