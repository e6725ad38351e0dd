package dev.cutover.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.jdbc.load.PostgresSnapshotCopy;
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
                copied += copy.copyChunk(snapshot, source, range, target, row -> RowImage.builder().put("id", row.get("id"))
                        .put("v", row.get("v").toString().toUpperCase()).build(), false);
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
                copy.copyChunk(snapshot, source, range, target, row -> row, true);
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
            assertThatThrownBy(() -> copy.copyChunk(snapshot, source, everything, target, row -> {
                if (row.get("id").equals(15_000L)) {
                    throw new IllegalStateException("row 15000 does not map");
                }
                return row;
            }, false)).hasMessageContaining("row 15000 does not map");
        }

        assertThat(copy.targetEmpty(target)).as("the COPY was cancelled: none of the rows before the failure stayed").isTrue();
    }
}
