package dev.cutover.jdbc.mariadb;

import static dev.cutover.jdbc.testing.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.conflict.ConflictKind;
import dev.cutover.core.conflict.ConflictPolicy;
import dev.cutover.core.conflict.Resolution;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.jdbc.AbstractConflictApplierIT;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.testkit.TestDatabase;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conflict checks of {@link AbstractConflictApplierIT} on MariaDB, and how a row another
 * writer inserts during a batch is met there.
 *
 * <p>Unlike PostgreSQL, InnoDB's locking read ({@code FOR UPDATE}) waits for a transaction that
 * inserted one of the keys and has not ended, and then reads its row; it also locks the gap of a
 * key it finds missing, so another writer's insert of that key waits for the batch. A row
 * inserted meanwhile is therefore met as a conflict by the first attempt already.
 */
class MariaDbConflictApplierIT extends AbstractConflictApplierIT {

    private static MariaDbTestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = MariaDbTestDatabase.create("cutover_conflict");
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
    protected int lockWaiters() {
        return db.queryRows("SELECT t.trx_mysql_thread_id FROM information_schema.INNODB_TRX t"
                + " JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id"
                + " WHERE t.trx_state = 'LOCK WAIT' AND p.DB = '" + db.name() + "'").size();
    }

    @Test
    void aRowAnOpenTransactionInsertedIsWaitedForAndMetAsAConflict() throws Exception {
        JdbcApplier applier = applier(ConflictPolicy.NEW_WINS);
        List<ChangeEvent> batch = List.of(items.create("id", 1L, "name", "theirs", "qty", 2, "note", "n"),
                items.create("id", 2L, "name", "two", "qty", 2, "note", "n"));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        ApplyResult result;
        try (Connection other = db.connect(); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.executeUpdate("INSERT INTO items VALUES (1, 'mine', 1, 'n')");
            Future<ApplyResult> applying = executor.submit(() -> applier.apply(batch));
            awaitApplierWaitingForALock();
            other.commit();
            result = applying.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            executor.shutdownNow();
        }

        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.conflict().kind()).isEqualTo(ConflictKind.INSERT_EXISTS);
            assertThat(c.conflict().current()).isEqualTo(row("id", 1L, "name", "mine", "qty", 1, "note", "n"));
            assertThat(c.resolution().decision()).isEqualTo(Resolution.Decision.KEEP_CURRENT);
        });
        assertThat(itemRows()).containsExactly(
                row("id", 1L, "name", "mine", "qty", 1, "note", "n"),
                row("id", 2L, "name", "two", "qty", 2, "note", "n"));
    }

    @Test
    void anotherWritersInsertOfAKeyReadAsMissingWaitsForTheBatch() throws Exception {
        database().execute("INSERT INTO items VALUES (5, 'five', 5, 'n')");
        JdbcApplier applier = applier(ConflictPolicy.NEW_WINS);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        ExecutorService inserter = Executors.newSingleThreadExecutor();
        try (Connection locker = db.connect(); Statement lock = locker.createStatement(); Connection other = db.connect();
                Statement insert = other.createStatement()) {
            locker.setAutoCommit(false);
            lock.executeUpdate("UPDATE items SET note = 'held' WHERE id = 5");
            // The batch reads key 1 as missing (locking its gap), then waits for row 5.
            Future<ApplyResult> applying = executor.submit(() -> applier.apply(List.of(
                    items.create("id", 1L, "name", "theirs", "qty", 1, "note", "n"),
                    items.update(row("id", 5L, "name", "five", "qty", 5, "note", "n"), row("id", 5L, "name", "5", "qty", 5, "note", "n")))));
            awaitApplierWaitingForALock();
            Future<Integer> inserting = inserter.submit(() -> insert.executeUpdate("INSERT INTO items VALUES (1, 'mine', 1, 'n')"));
            await().atMost(TIMEOUT).until(() -> lockWaiters() == 2);
            locker.rollback();

            assertThat(applying.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).conflicts()).as("row 5 is back as it was").isEmpty();
            assertThat(inserting).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
                    .withMessageContaining("Duplicate entry");
        } finally {
            executor.shutdownNow();
            inserter.shutdownNow();
        }
        assertThat(itemRows()).containsExactly(
                row("id", 1L, "name", "theirs", "qty", 1, "note", "n"),
                row("id", 5L, "name", "5", "qty", 5, "note", "n"));
    }
}
