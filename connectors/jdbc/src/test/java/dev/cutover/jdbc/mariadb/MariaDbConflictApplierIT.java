package dev.cutover.jdbc.mariadb;

import static dev.cutover.jdbc.testing.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.conflict.ConflictCheck;
import dev.cutover.core.conflict.ConflictKind;
import dev.cutover.core.conflict.ConflictLogEntry;
import dev.cutover.core.conflict.ConflictPolicy;
import dev.cutover.core.conflict.ConflictResolvers;
import dev.cutover.core.conflict.ConflictSink;
import dev.cutover.core.conflict.ConflictSpec;
import dev.cutover.core.conflict.Resolution;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ApplyException;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.ApplyMarker;
import dev.cutover.jdbc.ConflictHandling;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.JdbcRowReader;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.jdbc.testing.Changes;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conflict checks of the applier against a real MariaDB. The applier writes the new system;
 * incoming changes come from the legacy one, so legacy-wins lets them win and new-wins keeps the
 * target's row.
 *
 * <p>Unlike PostgreSQL, InnoDB's locking read ({@code FOR UPDATE}) waits for a transaction that
 * inserted one of the keys and has not ended, and then reads its row; it also locks the gap of a
 * key it finds missing, so another writer's insert of that key waits for the batch. A row
 * inserted meanwhile is therefore met as a conflict by the first attempt already.
 */
class MariaDbConflictApplierIT {

    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static MariaDbTestDatabase db;

    private final RecordingSink sink = new RecordingSink();
    private final List<JdbcApplier> appliers = new ArrayList<>();
    private Changes items;
    private JdbcConnectionFactory connections;
    private TableSchema itemsSchema;

    @BeforeAll
    static void createDatabase() {
        db = MariaDbTestDatabase.create("cutover_conflict");
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void createTables() throws Exception {
        db.execute("DROP TABLE IF EXISTS items", "DROP TABLE IF EXISTS cutover_apply_marker",
                "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, qty int CHECK (qty >= 0), note text)");
        connections = JdbcConnectionFactory.of(db.jdbcUrl(), db.user(), db.password());
        itemsSchema = new JdbcSchemaReader(connections).read(new TableId(db.name(), "items"));
        items = new Changes(itemsSchema.table(), "id");
    }

    @AfterEach
    void closeAppliers() {
        appliers.forEach(JdbcApplier::close);
    }

    @Test
    void insertMeetingAnotherRowOverwritesItWhenTheIncomingSideWins() throws Exception {
        db.execute("INSERT INTO items VALUES (1, 'mine', 1, 'n')");
        ChangeEvent insert = items.create("id", 1L, "name", "theirs", "qty", 2, "note", "n");

        ApplyResult result = apply(applier(ConflictPolicy.LEGACY_WINS), insert);

        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "theirs", "qty", 2, "note", "n"));
        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.conflict().kind()).isEqualTo(ConflictKind.INSERT_EXISTS);
            assertThat(c.resolution().decision()).isEqualTo(Resolution.Decision.APPLY_INCOMING);
            assertThat(c.conflict().current()).isEqualTo(row("id", 1L, "name", "mine", "qty", 1, "note", "n"));
        });
        assertThat(sink.entries).containsExactlyElementsOf(result.conflicts());
    }

    @Test
    void insertMeetingAnotherRowKeepsItWhenTheTargetSideWins() throws Exception {
        db.execute("INSERT INTO items VALUES (1, 'mine', 1, 'n')");
        ChangeEvent insert = items.create("id", 1L, "name", "theirs", "qty", 2, "note", "n");

        ApplyResult result = apply(applier(ConflictPolicy.NEW_WINS), insert);

        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "mine", "qty", 1, "note", "n"));
        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.conflict().kind()).isEqualTo(ConflictKind.INSERT_EXISTS);
            assertThat(c.resolution().decision()).isEqualTo(Resolution.Decision.KEEP_CURRENT);
        });
    }

    @Test
    void updateMeetingAChangedRowIsDecidedWhileUpdatesThatFitApply() throws Exception {
        db.execute("INSERT INTO items VALUES (1, 'changed', 1, 'n'), (2, 'orig', 2, 'n')");
        ChangeEvent stale = items.update(row("id", 1L, "name", "orig", "qty", 1, "note", "n"), row("id", 1L, "name", "theirs", "qty", 1, "note", "n"));
        ChangeEvent fits = items.update(row("id", 2L, "name", "orig", "qty", 2, "note", "n"), row("id", 2L, "name", "theirs", "qty", 2, "note", "n"));

        ApplyResult result = apply(applier(ConflictPolicy.NEW_WINS), stale, fits);

        assertThat(itemRows()).containsExactly(
                row("id", 1L, "name", "changed", "qty", 1, "note", "n"),
                row("id", 2L, "name", "theirs", "qty", 2, "note", "n"));
        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.conflict().kind()).isEqualTo(ConflictKind.UPDATE_CHANGED);
            assertThat(c.key()).isEqualTo(row("id", 1L));
        });
    }

    @Test
    void updateMeetingAMissingRowInsertsItWhenTheIncomingSideWins() throws Exception {
        ChangeEvent update = items.update(row("id", 1L, "name", "orig", "qty", 1, "note", "n"), row("id", 1L, "name", "theirs", "qty", 1, "note", "n"));

        ApplyResult result = apply(applier(ConflictPolicy.LEGACY_WINS), update);

        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "theirs", "qty", 1, "note", "n"));
        assertThat(result.conflicts()).singleElement().satisfies(c -> assertThat(c.conflict().kind()).isEqualTo(ConflictKind.UPDATE_MISSING));
    }

    @Test
    void deleteMeetingAChangedRowLeavesItWhenTheTargetSideWins() throws Exception {
        db.execute("INSERT INTO items VALUES (1, 'changed', 1, 'n'), (2, 'orig', 2, 'n')");

        ApplyResult result = apply(applier(ConflictPolicy.NEW_WINS), items.delete("id", 1L, "name", "orig", "qty", 1, "note", "n"),
                items.delete("id", 2L, "name", "orig", "qty", 2, "note", "n"));

        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "changed", "qty", 1, "note", "n"));
        assertThat(result.conflicts()).singleElement().satisfies(c -> assertThat(c.conflict().kind()).isEqualTo(ConflictKind.DELETE_CHANGED));
    }

    @Test
    void applyingTheSameBatchAgainMeetsNoNewConflict() throws Exception {
        db.execute("INSERT INTO items VALUES (1, 'mine', 1, 'n'), (2, 'changed', 2, 'n')");
        List<ChangeEvent> batch = List.of(
                items.create("id", 1L, "name", "theirs", "qty", 1, "note", "n"),
                items.update(row("id", 2L, "name", "orig", "qty", 2, "note", "n"), row("id", 2L, "name", "theirs", "qty", 2, "note", "n")));
        JdbcApplier applier = applier(ConflictPolicy.LEGACY_WINS);

        assertThat(applier.apply(batch).conflicts()).hasSize(2);
        List<RowImage> afterFirst = itemRows();
        ApplyResult again = applier.apply(batch);

        assertThat(again.conflicts()).isEmpty();
        assertThat(itemRows()).isEqualTo(afterFirst);
        assertThat(db.queryRows("SELECT batch FROM cutover_apply_marker")).containsExactly(Map.of("batch", 2L));
    }

    @Test
    void readsTheTargetRowUnderLockSoAConcurrentWriteIsSeen() throws Exception {
        db.execute("INSERT INTO items VALUES (1, 'orig', 1, 'n')");
        JdbcApplier applier = applier(ConflictPolicy.NEW_WINS);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection other = db.connect(); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.executeUpdate("UPDATE items SET name = 'changed' WHERE id = 1");
            Future<ApplyResult> applying = executor.submit(() -> applier.apply(List.of(
                    items.update(row("id", 1L, "name", "orig", "qty", 1, "note", "n"), row("id", 1L, "name", "theirs", "qty", 1, "note", "n")))));
            awaitApplierWaitingForALock();
            other.commit();

            ApplyResult result = applying.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            assertThat(result.conflicts()).singleElement().satisfies(c -> {
                assertThat(c.conflict().kind()).isEqualTo(ConflictKind.UPDATE_CHANGED);
                assertThat(c.conflict().current().get("name")).isEqualTo("changed");
            });
        } finally {
            executor.shutdownNow();
        }
        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "changed", "qty", 1, "note", "n"));
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
        db.execute("INSERT INTO items VALUES (5, 'five', 5, 'n')");
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
            assertThat(inserting).failsWithin(TIMEOUT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withMessageContaining("Duplicate entry");
        } finally {
            executor.shutdownNow();
            inserter.shutdownNow();
        }
        assertThat(itemRows()).containsExactly(
                row("id", 1L, "name", "theirs", "qty", 1, "note", "n"),
                row("id", 5L, "name", "5", "qty", 5, "note", "n"));
    }

    @Test
    void aRefusedChangeOfACheckedTableIsIsolatedAndTheRestCommits() throws Exception {
        db.execute("INSERT INTO items VALUES (2, 'mine', 2, 'n')");
        ChangeEvent refused = items.create("id", 1L, "name", "bad", "qty", -1, "note", "n");
        ChangeEvent conflicting = items.create("id", 2L, "name", "theirs", "qty", 2, "note", "n");
        ChangeEvent fits = items.create("id", 3L, "name", "three", "qty", 3, "note", "n");

        ApplyResult result = apply(applier(ConflictPolicy.LEGACY_WINS), refused, conflicting, fits);

        assertThat(result.rejected()).singleElement().satisfies(r -> assertThat(r.change()).isEqualTo(refused));
        assertThat(result.applied()).containsExactly(conflicting, fits);
        assertThat(result.conflicts()).singleElement().satisfies(c -> assertThat(c.conflict().change()).isEqualTo(conflicting));
        assertThat(sink.entries).containsExactlyElementsOf(result.conflicts());
        assertThat(itemRows()).containsExactly(
                row("id", 2L, "name", "theirs", "qty", 2, "note", "n"),
                row("id", 3L, "name", "three", "qty", 3, "note", "n"));
    }

    @Test
    void aFailingConflictLogRollsTheWholeBatchBackWithItsMarker() throws Exception {
        db.execute("INSERT INTO items VALUES (1, 'mine', 1, 'n')");
        JdbcApplier applier = applier(ConflictPolicy.LEGACY_WINS);
        sink.failure = new IllegalStateException("log down");

        try {
            applier.apply(List.of(items.create("id", 1L, "name", "theirs", "qty", 1, "note", "n"),
                    items.create("id", 2L, "name", "two", "qty", 2, "note", "n")));
            throw new AssertionError("the apply should have failed");
        } catch (ApplyException expected) {
            assertThat(expected.retriable()).isTrue();
        }

        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "mine", "qty", 1, "note", "n"));
        assertThat(db.queryRows("SELECT batch FROM cutover_apply_marker")).isEmpty();
    }

    private static void awaitApplierWaitingForALock() {
        await().atMost(TIMEOUT).until(() -> lockWaiters() == 1);
    }

    private static int lockWaiters() {
        return db.queryRows("SELECT t.trx_mysql_thread_id FROM information_schema.INNODB_TRX t"
                + " JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id"
                + " WHERE t.trx_state = 'LOCK WAIT' AND p.DB = '" + db.name() + "'").size();
    }

    private ApplyResult apply(JdbcApplier applier, ChangeEvent... changes) throws ApplyException {
        ApplyResult result = applier.apply(List.of(changes));
        List<ChangeEvent> accounted = new ArrayList<>(result.applied());
        result.rejected().forEach(r -> accounted.add(r.change()));
        accounted.addAll(result.held());
        assertThat(accounted).as("every change is applied, rejected or held, once").containsExactlyInAnyOrder(changes);
        return result;
    }

    private List<RowImage> itemRows() throws Exception {
        return new JdbcRowReader(connections).readAll(itemsSchema);
    }

    private JdbcApplier applier(ConflictPolicy policy) {
        ConflictSpec spec = new ConflictSpec(policy, null, ConflictPolicy.LEGACY_WINS, null, Map.of(), false);
        ConflictCheck check = new ConflictCheck("shop", SystemSide.NEW, policy, ConflictResolvers.create(spec, SystemSide.NEW, null), CLOCK);
        JdbcApplier applier = new JdbcApplier(connections, Map.of(itemsSchema.table(), itemsSchema), CLOCK,
                new ApplyMarker("shop", new TableId(db.name(), "cutover_apply_marker")),
                new ConflictHandling(Map.of(itemsSchema.table(), check), sink));
        appliers.add(applier);
        return applier;
    }

    /** Collects the entries in memory; fails while {@link #failure} is set. */
    private static final class RecordingSink implements ConflictSink {
        final List<ConflictLogEntry> entries = new CopyOnWriteArrayList<>();
        volatile Exception failure;

        @Override
        public void record(List<ConflictLogEntry> batch) throws Exception {
            if (failure != null) {
                throw failure;
            }
            entries.addAll(batch);
        }
    }
}
