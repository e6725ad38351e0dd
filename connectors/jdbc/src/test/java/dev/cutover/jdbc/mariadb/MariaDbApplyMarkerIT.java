package dev.cutover.jdbc.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.jdbc.AbstractApplyMarkerIT;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.testkit.TestDatabase;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The apply marker on MariaDB ({@link AbstractApplyMarkerIT}): an InnoDB table, invisible to others until the batch commits. */
class MariaDbApplyMarkerIT extends AbstractApplyMarkerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static MariaDbTestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = MariaDbTestDatabase.create("cutover_marker");
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Override
    protected TestDatabase database() {
        return db;
    }

    @Override
    protected JdbcConnectionFactory connectionFactory() {
        return JdbcConnectionFactory.of(db.jdbcUrl(), db.user(), db.password());
    }

    @Override
    protected TableId table(String name) {
        return new TableId(db.name(), name);
    }

    @Override
    protected String markerTableDdl() {
        return "CREATE TABLE cutover_apply_marker (bridge varchar(100) PRIMARY KEY, batch bigint NOT NULL, applied_at timestamp(6) NOT NULL)";
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
}
