package dev.cutover.jdbc.postgres;

import static dev.cutover.jdbc.testing.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.conflict.ConflictKind;
import dev.cutover.core.conflict.ConflictPolicy;
import dev.cutover.core.conflict.Resolution;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ApplyException;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.jdbc.AbstractConflictApplierIT;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.testkit.TestDatabase;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
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
 * The conflict checks of {@link AbstractConflictApplierIT} on PostgreSQL, and how a row another
 * writer inserts during a batch is met there: the batch's locking read does not see the open
 * transaction's row, so the batch fails as retriable ("row appeared") without overwriting it, and
 * the next attempt meets the row as a conflict.
 */
class PostgresConflictApplierIT extends AbstractConflictApplierIT {

    private static PostgresTestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = PostgresTestDatabase.create("cutover_conflict");
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
        return JdbcConnectionFactory.of(db.jdbcUrl(), db.user(), (char[]) null);
    }

    @Override
    protected TableId table(String name) {
        return new TableId("public", name);
    }

    @Override
    protected int lockWaiters() {
        return db.queryRows("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").size();
    }

    @Test
    void aRowInsertedMeanwhileIsNotOverwrittenAndTheNextAttemptMeetsItAsAConflict() throws Exception {
        JdbcApplier applier = applier(ConflictPolicy.NEW_WINS);
        List<ChangeEvent> batch = List.of(items.create("id", 1L, "name", "theirs", "qty", 2, "note", "n"),
                items.create("id", 2L, "name", "two", "qty", 2, "note", "n"));

        assertThat(applyWhileAnotherWriterInserts(applier, batch, "INSERT INTO items VALUES (1, 'mine', 1, 'n')"))
                .satisfies(e -> {
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.getMessage()).contains("a row of table public.items key {id=1} appeared while the batch was being applied");
                });
        assertThat(itemRows()).as("the other writer's row stands and nothing of the batch committed")
                .containsExactly(row("id", 1L, "name", "mine", "qty", 1, "note", "n"));
        assertThat(db.queryRows("SELECT batch FROM cutover_apply_marker")).isEmpty();
        assertThat(sink.entries).isEmpty();

        ApplyResult retried = apply(applier, batch.toArray(ChangeEvent[]::new));

        assertThat(retried.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.conflict().kind()).isEqualTo(ConflictKind.INSERT_EXISTS);
            assertThat(c.conflict().current()).isEqualTo(row("id", 1L, "name", "mine", "qty", 1, "note", "n"));
            assertThat(c.resolution().decision()).isEqualTo(Resolution.Decision.KEEP_CURRENT);
        });
        assertThat(sink.entries).containsExactlyElementsOf(retried.conflicts());
        assertThat(itemRows()).containsExactly(
                row("id", 1L, "name", "mine", "qty", 1, "note", "n"),
                row("id", 2L, "name", "two", "qty", 2, "note", "n"));
    }

    @Test
    void aRowInsertedMeanwhileIsMetAsAConflictOnRetryAlsoWhenTheIncomingSideWins() throws Exception {
        JdbcApplier applier = applier(ConflictPolicy.LEGACY_WINS);
        ChangeEvent create = items.create("id", 1L, "name", "theirs", "qty", 2, "note", "n");

        ApplyException failed = applyWhileAnotherWriterInserts(applier, List.of(create), "INSERT INTO items VALUES (1, 'mine', 1, 'n')");

        assertThat(failed.retriable()).isTrue();
        ApplyResult retried = apply(applier, create);

        assertThat(retried.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.conflict().kind()).isEqualTo(ConflictKind.INSERT_EXISTS);
            assertThat(c.resolution().decision()).isEqualTo(Resolution.Decision.APPLY_INCOMING);
        });
        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "theirs", "qty", 2, "note", "n"));
    }

    @Test
    void aRowInsertedMeanwhileIsFoundAlsoWhenItsChangesAreReplayedOneByOne() throws Exception {
        JdbcApplier applier = applier(ConflictPolicy.NEW_WINS);
        // The net row breaks the CHECK, so the retry isolating the refusal writes the key change by change.
        List<ChangeEvent> batch = List.of(items.create("id", 1L, "name", "theirs", "qty", 1, "note", "n"),
                items.update(row("id", 1L, "name", "theirs", "qty", 1, "note", "n"),
                        row("id", 1L, "name", "theirs", "qty", -1, "note", "n")));

        assertThat(applyWhileAnotherWriterInserts(applier, batch, "INSERT INTO items VALUES (1, 'mine', 1, 'n')"))
                .satisfies(e -> {
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.getMessage()).contains("a row of table public.items key {id=1} appeared");
                });
        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "mine", "qty", 1, "note", "n"));

        ApplyResult retried = apply(applier, batch.toArray(ChangeEvent[]::new));

        assertThat(retried.conflicts()).first().satisfies(c -> assertThat(c.conflict().kind()).isEqualTo(ConflictKind.INSERT_EXISTS));
        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "mine", "qty", 1, "note", "n"));
    }

    /**
     * Runs {@code insert} in another transaction, applies {@code batch} while it is open, commits it
     * once the applier waits for its lock, and returns how the apply failed.
     */
    private ApplyException applyWhileAnotherWriterInserts(JdbcApplier applier, List<ChangeEvent> batch, String insert) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection other = db.connect(); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.executeUpdate(insert);
            Future<ApplyResult> applying = executor.submit(() -> applier.apply(batch));
            awaitApplierWaitingForALock();
            other.commit();
            try {
                ApplyResult result = applying.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                throw new AssertionError("the apply should have failed, but returned " + result);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(ApplyException.class);
                return (ApplyException) e.getCause();
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
