package dev.cutover.jdbc.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.JdbcRowReader;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.jdbc.load.MariaDbSnapshotCopy;
import dev.cutover.jdbc.load.RowMapping;
import dev.cutover.jdbc.load.RowRate;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A MariaDB table copied under one consistent snapshot into PostgreSQL, slice by slice on parallel writers. */
class MariaDbSnapshotCopyIT {

    private static final int ROWS = 60_000;

    private MariaDbTestDatabase legacy;
    private PostgresTestDatabase neu;
    private JdbcConnectionFactory legacyConnections;
    private JdbcConnectionFactory newConnections;
    private TableSchema source;
    private TableSchema target;
    private ExecutorService workers;

    @BeforeEach
    void createTables() throws Exception {
        legacy = MariaDbTestDatabase.create("cutover_mcopy");
        neu = PostgresTestDatabase.create("cutover_mcopy");
        legacy.execute("CREATE TABLE src (id BIGINT PRIMARY KEY, v VARCHAR(60) NOT NULL, amt DECIMAL(12,2), at DATETIME(6), note TEXT)",
                "INSERT INTO src SELECT seq, CONCAT('row ', seq, ' \\t\\\\ \u00e9'), seq / 100, TIMESTAMP '2020-01-01 00:00:00' + INTERVAL seq"
                        + " MICROSECOND, IF(seq % 7 = 0, NULL, REPEAT('x', seq % 50)) FROM seq_1_to_" + ROWS);
        neu.execute("CREATE TABLE dst (id bigint PRIMARY KEY, v text NOT NULL, amt numeric(12,2), at timestamp, note text)");
        legacyConnections = JdbcConnectionFactory.of(legacy.jdbcUrl(), legacy.user(), legacy.password());
        newConnections = JdbcConnectionFactory.of(neu.jdbcUrl(), neu.user(), (char[]) null);
        source = new JdbcSchemaReader(legacyConnections).read(new TableId(legacy.name(), "src"));
        target = new JdbcSchemaReader(newConnections).read(new TableId("public", "dst"));
        workers = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void dropDatabases() {
        workers.shutdownNow();
        legacy.close();
        neu.close();
    }

    private MariaDbSnapshotCopy copy() {
        return new MariaDbSnapshotCopy(legacyConnections, newConnections, RowRate.UNLIMITED, 2);
    }

    @Test
    void everyRowArrivesWithItsValuesInSlicesWrittenInParallel() throws Exception {
        List<Long> slices = new ArrayList<>();

        long copied = copy().copy(source, target, null, RowMapping.of(row -> row), false, workers, rows -> {
            synchronized (slices) {
                slices.add(rows);
            }
        });

        assertThat(copied).isEqualTo(ROWS);
        assertThat(slices).as("the table is written in several slices").hasSizeGreaterThan(1)
                .satisfies(s -> assertThat(s.stream().mapToLong(Long::longValue).sum()).isEqualTo(ROWS));
        List<RowImage> read = new JdbcRowReader(legacyConnections).readAll(source);
        List<RowImage> written = new JdbcRowReader(newConnections).readAll(target);
        assertThat(written).as("the same canonical rows on both sides").containsExactlyInAnyOrderElementsOf(read);
    }

    @Test
    void aConditionSelectsTheRowsAndAMergeUpsertsOverTheTargetsOwn() throws Exception {
        neu.execute("INSERT INTO dst VALUES (5, 'older', 0, NULL, NULL), (999999, 'only in the target', 0, NULL, NULL)");

        long copied = copy().copy(source, target, "`id` <= 10", RowMapping.of(row -> row), true, workers, rows -> { });

        assertThat(copied).isEqualTo(10);
        assertThat(neu.queryRows("SELECT count(*) AS n FROM dst")).containsExactly(Map.of("n", 11L));
        assertThat(neu.queryRows("SELECT v FROM dst WHERE id IN (5, 999999) ORDER BY id"))
                .containsExactly(Map.of("v", "row 5 \t\\ \u00e9"), Map.of("v", "only in the target"));
    }

    @Test
    void aRowThatDoesNotMapStopsTheCopyWithItsCause() {
        AtomicLong mapped = new AtomicLong();

        assertThatThrownBy(() -> copy().copy(source, target, null, RowMapping.of(row -> {
            if (mapped.incrementAndGet() == ROWS / 2) {
                throw new IllegalStateException("row " + row.get("id") + " does not map");
            }
            return row;
        }), false, workers, rows -> { })).hasMessageContaining("does not map");
        assertThat(mapped.get()).as("reading stopped at the failure").isEqualTo(ROWS / 2);
    }
}
