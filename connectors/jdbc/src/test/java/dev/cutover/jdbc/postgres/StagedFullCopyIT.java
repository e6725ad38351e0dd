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
import dev.cutover.jdbc.load.StagedFullCopy;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A full copy merged through a staging table: the target ends as the mapped source, rows that did
 * not change are not rewritten (their row version stays), rows the source lost are deleted, and a
 * copy that fails leaves the target as it was; the staging table never stays behind.
 */
class StagedFullCopyIT {

    private PostgresTestDatabase db;
    private JdbcConnectionFactory connections;
    private TableSchema source;
    private TableSchema target;
    private ExecutorService workers;

    @BeforeEach
    void createTables() throws Exception {
        db = PostgresTestDatabase.create("cutover_staged");
        db.execute("CREATE TABLE src (id bigint PRIMARY KEY, v text NOT NULL)",
                "INSERT INTO src SELECT g, 'row ' || g FROM generate_series(1, 30000) g",
                "CREATE TABLE dst (id bigint PRIMARY KEY, v text NOT NULL, note text DEFAULT 'kept')",
                "INSERT INTO dst (id, v, note) SELECT g, 'row ' || g, 'target only' FROM generate_series(1, 30000) g",
                "UPDATE dst SET v = 'stale' WHERE id <= 100",
                "INSERT INTO dst (id, v) SELECT g, 'gone from the source' FROM generate_series(30001, 30050) g",
                "DELETE FROM dst WHERE id BETWEEN 201 AND 210");
        connections = JdbcConnectionFactory.of(db.jdbcUrl(), db.user(), (char[]) null);
        source = new JdbcSchemaReader(connections).read(new TableId("public", "src"));
        TableSchema dst = new JdbcSchemaReader(connections).read(new TableId("public", "dst"));
        target = new TableSchema(dst.table(), dst.columns().stream().filter(c -> !c.name().equals("note")).toList(), dst.keyColumns());
        workers = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void dropDatabase() {
        workers.shutdownNow();
        db.close();
    }

    @Test
    void theTargetEndsAsTheSourceWithOnlyTheDifferencesWritten() throws Exception {
        Map<String, Object> unchangedBefore = db.queryRows("SELECT xmin::text AS x FROM dst WHERE id = 5000").get(0);
        PostgresSnapshotCopy copy = new PostgresSnapshotCopy(connections, connections);

        StagedFullCopy.Outcome outcome = new StagedFullCopy(connections).run(target, "orders-batch",
                staging -> copy.copy(source, staging, null, new RowMapping(row -> row, Map.of("id", "id", "v", "v"), true), false,
                        workers, piece -> { }));

        assertThat(outcome).isEqualTo(new StagedFullCopy.Outcome(30_000, 110, 50));
        assertThat(db.queryRows("SELECT count(*) AS n FROM src s FULL JOIN dst d USING (id) WHERE s.v IS DISTINCT FROM d.v"))
                .containsExactly(Map.of("n", 0L));
        assertThat(db.queryRows("SELECT xmin::text AS x FROM dst WHERE id = 5000")).as("an equal row is not rewritten")
                .containsExactly(unchangedBefore);
        assertThat(db.queryRows("SELECT note FROM dst WHERE id IN (1, 205) ORDER BY id"))
                .as("a column the copy does not write keeps its value on update and takes its default on insert")
                .containsExactly(Map.of("note", "target only"), Map.of("note", "kept"));
        assertThat(stagingTables()).isEmpty();
    }

    @Test
    void aCopyThatFailsLeavesTheTargetAsItWasAndNoStagingTable() throws Exception {
        List<Map<String, Object>> before = db.queryRows("SELECT id, v FROM dst ORDER BY id");
        PostgresSnapshotCopy copy = new PostgresSnapshotCopy(connections, connections);
        RowMapping failing = RowMapping.of(row -> {
            if (row.get("id").equals(29_000L)) {
                throw new IllegalStateException("row 29000 does not map");
            }
            return RowImage.builder().put("id", row.get("id")).put("v", row.get("v")).build();
        });

        assertThatThrownBy(() -> new StagedFullCopy(connections).run(target, "orders-batch",
                staging -> copy.copy(source, staging, null, failing, false, workers, piece -> { })))
                .hasStackTraceContaining("row 29000 does not map");

        assertThat(db.queryRows("SELECT id, v FROM dst ORDER BY id")).isEqualTo(before);
        assertThat(stagingTables()).isEmpty();
    }

    @Test
    void intoAnEmptyTargetThePiecesGoStraightIn() throws Exception {
        db.execute("TRUNCATE dst");
        PostgresSnapshotCopy copy = new PostgresSnapshotCopy(connections, connections);
        List<String> written = new ArrayList<>();

        StagedFullCopy.Outcome outcome = new StagedFullCopy(connections).run(target, "orders-batch", table -> {
            written.add(table.table().table());
            return copy.copy(source, table, null, RowMapping.of(row -> row), false, workers, piece -> { });
        });

        assertThat(written).containsExactly("dst");
        assertThat(outcome).isEqualTo(new StagedFullCopy.Outcome(30_000, 30_000, 0));
        assertThat(db.queryRows("SELECT count(*) AS n FROM src s FULL JOIN dst d USING (id) WHERE s.v IS DISTINCT FROM d.v"))
                .containsExactly(Map.of("n", 0L));
    }

    private List<Map<String, Object>> stagingTables() {
        return db.queryRows("SELECT relname FROM pg_class WHERE relname LIKE 'cutover_stage%'");
    }
}
