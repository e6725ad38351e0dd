package dev.cutover.jdbc.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ApplyException;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.ApplyMarker;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.jdbc.testing.Changes;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The apply marker on MariaDB: a marker table in the target database, written in each batch's transaction. */
class MariaDbApplyMarkerIT {

    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00.123456Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static MariaDbTestDatabase db;

    private JdbcConnectionFactory connections;
    private TableSchema items;
    private Changes changes;
    private TableId markerTable;

    @BeforeAll
    static void createDatabase() {
        db = MariaDbTestDatabase.create("cutover_marker");
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void createItems() throws Exception {
        db.execute("DROP TABLE IF EXISTS items", "DROP TABLE IF EXISTS cutover_apply_marker",
                "CREATE TABLE items (id bigint PRIMARY KEY, qty int CHECK (qty >= 0), note text)");
        connections = JdbcConnectionFactory.of(db.jdbcUrl(), db.user(), db.password());
        items = new JdbcSchemaReader(connections).read(new TableId(db.name(), "items"));
        changes = new Changes(items.table(), "id");
        markerTable = new TableId(db.name(), "cutover_apply_marker");
    }

    @Test
    void createsTheMarkerTableAndCountsBatchesInOneRowPerBridgeAtTheClocksInstant() throws Exception {
        try (JdbcApplier shop = applier("shop"); JdbcApplier other = applier("other")) {
            shop.apply(List.of(changes.create("id", 1L, "qty", 1)));
            shop.apply(List.of(changes.create("id", 2L, "qty", 2), changes.update("id", 1L, "qty", 3)));
            other.apply(List.of(changes.create("id", 3L, "qty", 3)));
            shop.apply(List.of(changes.delete("id", 2L)));
        }

        assertThat(db.queryRows("SELECT bridge, batch, UNIX_TIMESTAMP(applied_at) AS epoch FROM cutover_apply_marker ORDER BY bridge"))
                .containsExactly(
                        Map.of("bridge", "other", "batch", 1L, "epoch", new BigDecimal("1717243200.123456")),
                        Map.of("bridge", "shop", "batch", 3L, "epoch", new BigDecimal("1717243200.123456")));
        assertThat(db.queryRows("SELECT ENGINE AS engine FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = 'cutover_apply_marker'")).containsExactly(Map.of("engine", "InnoDB"));
    }

    @Test
    void theMarkerIsInvisibleUntilTheBatchCommitsWithIt() throws Exception {
        db.execute("INSERT INTO items VALUES (2, 2, 'n')");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (JdbcApplier shop = applier("shop"); Connection locker = connections.open(); Statement statement = locker.createStatement()) {
            shop.apply(List.of(changes.create("id", 1L, "qty", 1)));
            locker.setAutoCommit(false);
            statement.executeUpdate("UPDATE items SET note = 'held' WHERE id = 2");
            Future<ApplyResult> applying = executor.submit(() -> shop.apply(List.of(changes.create("id", 3L, "qty", 3),
                    changes.update("id", 2L, "qty", 5, "note", "n"))));
            await().atMost(TIMEOUT).until(() -> !db.queryRows("SELECT 1 FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'"
                    + " AND trx_mysql_thread_id IN (SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE())").isEmpty());

            assertThat(db.queryRows("SELECT batch FROM cutover_apply_marker")).as("written, not committed").containsExactly(Map.of("batch", 1L));
            locker.commit();
            applying.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            executor.shutdownNow();
        }
        assertThat(db.queryRows("SELECT batch FROM cutover_apply_marker")).containsExactly(Map.of("batch", 2L));
        assertThat(db.queryRows("SELECT id FROM items ORDER BY id")).containsExactly(Map.of("id", 1L), Map.of("id", 2L), Map.of("id", 3L));
    }

    @Test
    void usesAMarkerTableThatExistsAlready() throws Exception {
        db.execute("CREATE TABLE cutover_apply_marker (bridge varchar(100) PRIMARY KEY, batch bigint NOT NULL, applied_at timestamp(6) NOT NULL)",
                "INSERT INTO cutover_apply_marker VALUES ('shop', 41, now())");
        try (JdbcApplier shop = applier("shop")) {
            shop.apply(List.of(changes.create("id", 1L, "qty", 1)));
        }

        assertThat(db.queryRows("SELECT batch FROM cutover_apply_marker")).containsExactly(Map.of("batch", 42L));
    }

    @Test
    void aFatalBatchRollsTheMarkerBackWithIt() throws Exception {
        try (JdbcApplier shop = applier("shop")) {
            shop.apply(List.of(changes.create("id", 1L, "qty", 1, "note", "a")));
            db.execute("ALTER TABLE items DROP COLUMN note");

            assertThatThrownBy(() -> shop.apply(List.of(changes.create("id", 2L, "qty", 2, "note", "b"))))
                    .isInstanceOfSatisfying(ApplyException.class, e -> assertThat(e.retriable()).isFalse());
        }

        assertThat(db.queryRows("SELECT batch FROM cutover_apply_marker")).containsExactly(Map.of("batch", 1L));
        assertThat(db.queryRows("SELECT id FROM items")).containsExactly(Map.of("id", 1L));
    }

    @Test
    void aBatchWithRefusedChangesCommitsOneMarkerWithTheRest() throws Exception {
        ApplyResult result;
        try (JdbcApplier shop = applier("shop")) {
            result = shop.apply(List.of(changes.create("id", 1L, "qty", 1), changes.create("id", 2L, "qty", -1),
                    changes.create("id", 3L, "qty", 3)));
        }

        assertThat(result.rejected()).hasSize(1);
        assertThat(db.queryRows("SELECT id FROM items ORDER BY id")).containsExactly(Map.of("id", 1L), Map.of("id", 3L));
        assertThat(db.queryRows("SELECT batch FROM cutover_apply_marker")).containsExactly(Map.of("batch", 1L));
    }

    private JdbcApplier applier(String bridge) {
        return new JdbcApplier(connections, Map.of(items.table(), items), Clock.fixed(NOW, ZoneOffset.UTC),
                new ApplyMarker(bridge, markerTable));
    }
}
