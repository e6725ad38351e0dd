package dev.cutover.jdbc;

import static dev.cutover.jdbc.testing.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.conflict.ConflictCheck;
import dev.cutover.core.conflict.ConflictKind;
import dev.cutover.core.conflict.ConflictLogEntry;
import dev.cutover.core.conflict.ConflictPolicy;
import dev.cutover.core.conflict.ConflictRecord;
import dev.cutover.core.conflict.ConflictResolved;
import dev.cutover.core.conflict.ConflictResolvers;
import dev.cutover.core.conflict.ConflictSink;
import dev.cutover.core.conflict.ConflictSpec;
import dev.cutover.core.conflict.HeldChange;
import dev.cutover.core.conflict.Resolution;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ApplyException;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.testing.Changes;
import dev.cutover.testkit.TestDatabase;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conflict checks of the applier that every database must pass. The applier writes the new
 * system; incoming changes come from the legacy one, so legacy-wins lets them win and new-wins
 * keeps the target's row. Tables: {@code items(id, name NOT NULL, qty CHECK (qty >= 0), note)},
 * checked, and {@code plain(id, name)}, not. A subclass per database supplies the database and
 * tests how a row another writer inserts during a batch is met, which differs: PostgreSQL refuses
 * the batch as retriable ("row appeared"), InnoDB makes the batch wait and meets the row at once.
 */
public abstract class AbstractConflictApplierIT {

    protected static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
    protected static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    protected static final Duration TIMEOUT = Duration.ofSeconds(30);

    protected final RecordingSink sink = new RecordingSink();
    private final List<JdbcApplier> appliers = new ArrayList<>();
    protected Changes items;
    protected Changes plain;
    protected JdbcConnectionFactory connections;
    private TableSchema itemsSchema;
    private TableSchema plainSchema;

    /** This class's database, fresh for the class. */
    protected abstract TestDatabase database();

    /** Connections to {@link #database()} as the applier makes them. */
    protected abstract JdbcConnectionFactory connectionFactory();

    /** The id of a table of the test schema. */
    protected abstract TableId table(String name);

    /** How many sessions of the database wait for a lock. */
    protected abstract int lockWaiters();

    @BeforeEach
    void createTables() throws Exception {
        database().execute("DROP TABLE IF EXISTS items", "DROP TABLE IF EXISTS plain", "DROP TABLE IF EXISTS cutover_apply_marker",
                "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, qty int CHECK (qty >= 0), note text)",
                "CREATE TABLE plain (id bigint PRIMARY KEY, name text)");
        connections = connectionFactory();
        itemsSchema = new JdbcSchemaReader(connections).read(table("items"));
        plainSchema = new JdbcSchemaReader(connections).read(table("plain"));
        items = new Changes(itemsSchema.table(), "id");
        plain = new Changes(plainSchema.table(), "id");
    }

    @AfterEach
    void closeAppliers() {
        appliers.forEach(JdbcApplier::close);
    }

    @Test
    void insertMeetingAnotherRowOverwritesItWhenTheIncomingSideWins() throws Exception {
        database().execute("INSERT INTO items VALUES (1, 'mine', 1, 'n')");
        ChangeEvent insert = items.create("id", 1L, "name", "theirs", "qty", 2, "note", "n");

        ApplyResult result = apply(applier(ConflictPolicy.LEGACY_WINS), insert);

        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "theirs", "qty", 2, "note", "n"));
        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.conflict().kind()).isEqualTo(ConflictKind.INSERT_EXISTS);
            assertThat(c.resolution().decision()).isEqualTo(Resolution.Decision.APPLY_INCOMING);
            assertThat(c.conflict().current()).isEqualTo(row("id", 1L, "name", "mine", "qty", 1, "note", "n"));
        });
        assertThat(result.applied()).containsExactly(insert);
        assertThat(sink.entries).containsExactlyElementsOf(result.conflicts());
    }

    @Test
    void insertMeetingAnotherRowKeepsItWhenTheTargetSideWins() throws Exception {
        database().execute("INSERT INTO items VALUES (1, 'mine', 1, 'n')");
        ChangeEvent insert = items.create("id", 1L, "name", "theirs", "qty", 2, "note", "n");

        ApplyResult result = apply(applier(ConflictPolicy.NEW_WINS), insert);

        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "mine", "qty", 1, "note", "n"));
        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.conflict().kind()).isEqualTo(ConflictKind.INSERT_EXISTS);
            assertThat(c.resolution().decision()).isEqualTo(Resolution.Decision.KEEP_CURRENT);
        });
        assertThat(result.applied()).as("decided against is done with").containsExactly(insert);
    }

    @Test
    void updateMeetingAChangedRowIsDecidedWhileUpdatesThatFitApply() throws Exception {
        database().execute("INSERT INTO items VALUES (1, 'changed', 1, 'n'), (2, 'orig', 2, 'n'), (3, 'orig', 3, 'n')");
        ChangeEvent stale = items.update(row("id", 1L, "name", "orig", "qty", 1, "note", "n"), row("id", 1L, "name", "theirs", "qty", 1, "note", "n"));
        ChangeEvent fits2 = items.update(row("id", 2L, "name", "orig", "qty", 2, "note", "n"), row("id", 2L, "name", "theirs", "qty", 2, "note", "n"));
        ChangeEvent fits3 = items.update(row("id", 3L, "name", "orig", "qty", 3, "note", "n"), row("id", 3L, "name", "theirs", "qty", 3, "note", "n"));

        ApplyResult result = apply(applier(ConflictPolicy.NEW_WINS), stale, fits2, fits3);

        assertThat(itemRows()).containsExactly(
                row("id", 1L, "name", "changed", "qty", 1, "note", "n"),
                row("id", 2L, "name", "theirs", "qty", 2, "note", "n"),
                row("id", 3L, "name", "theirs", "qty", 3, "note", "n"));
        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.conflict().kind()).isEqualTo(ConflictKind.UPDATE_CHANGED);
            assertThat(c.key()).isEqualTo(row("id", 1L));
        });
        assertThat(result.applied()).containsExactly(stale, fits2, fits3);
    }

    @Test
    void updateMeetingAMissingRowInsertsItWhenTheIncomingSideWins() throws Exception {
        ChangeEvent update = items.update(row("id", 1L, "name", "orig", "qty", 1, "note", "n"), row("id", 1L, "name", "theirs", "qty", 1, "note", "n"));

        ApplyResult result = apply(applier(ConflictPolicy.LEGACY_WINS), update);

        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "theirs", "qty", 1, "note", "n"));
        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.conflict().kind()).isEqualTo(ConflictKind.UPDATE_MISSING);
            assertThat(c.conflict().current()).isNull();
        });
    }

    @Test
    void deleteMeetingAChangedRowLeavesItWhenTheTargetSideWins() throws Exception {
        database().execute("INSERT INTO items VALUES (1, 'changed', 1, 'n'), (2, 'orig', 2, 'n')");
        ChangeEvent stale = items.delete("id", 1L, "name", "orig", "qty", 1, "note", "n");
        ChangeEvent fits = items.delete("id", 2L, "name", "orig", "qty", 2, "note", "n");

        ApplyResult result = apply(applier(ConflictPolicy.NEW_WINS), stale, fits);

        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "changed", "qty", 1, "note", "n"));
        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.conflict().kind()).isEqualTo(ConflictKind.DELETE_CHANGED);
            assertThat(c.resolution().decision()).isEqualTo(Resolution.Decision.KEEP_CURRENT);
        });
    }

    @Test
    void applyingTheSameBatchAgainMeetsNoNewConflict() throws Exception {
        database().execute("INSERT INTO items VALUES (1, 'mine', 1, 'n'), (2, 'changed', 2, 'n')");
        List<ChangeEvent> batch = List.of(
                items.create("id", 1L, "name", "theirs", "qty", 1, "note", "n"),
                items.update(row("id", 2L, "name", "orig", "qty", 2, "note", "n"), row("id", 2L, "name", "theirs", "qty", 2, "note", "n")));
        JdbcApplier applier = applier(ConflictPolicy.LEGACY_WINS);

        assertThat(applier.apply(batch).conflicts()).hasSize(2);
        List<RowImage> afterFirst = itemRows();
        ApplyResult again = applier.apply(batch);

        assertThat(again.conflicts()).as("the rows are what the changes leave behind").isEmpty();
        assertThat(again.applied()).containsExactlyElementsOf(batch);
        assertThat(itemRows()).isEqualTo(afterFirst).containsExactly(
                row("id", 1L, "name", "theirs", "qty", 1, "note", "n"),
                row("id", 2L, "name", "theirs", "qty", 2, "note", "n"));
        assertThat(sink.entries).hasSize(2);
    }

    @Test
    void aConflictDecidedForTheTargetMeetsItAgainUnderTheSameId() throws Exception {
        database().execute("INSERT INTO items VALUES (1, 'mine', 1, 'n')");
        List<ChangeEvent> batch = List.of(items.create("id", 1L, "name", "theirs", "qty", 1, "note", "n"));
        JdbcApplier applier = applier(ConflictPolicy.NEW_WINS);

        String first = applier.apply(batch).conflicts().get(0).id();
        ApplyResult again = applier.apply(batch);

        assertThat(again.conflicts()).extracting(ConflictRecord::id).containsExactly(first);
        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "mine", "qty", 1, "note", "n"));
    }

    @Test
    void mergeWritesTheMergedRow() throws Exception {
        database().execute("INSERT INTO items VALUES (1, 'mine', 1, 'here')");
        ChangeEvent update = items.update(row("id", 1L, "name", "orig", "qty", 1, "note", "orig"),
                row("id", 1L, "name", "orig", "qty", 7, "note", "there"));

        ApplyResult result = apply(applier(ConflictPolicy.MERGE), update);

        assertThat(itemRows()).as("name changed here only, qty there only, note on both sides: the legacy fallback takes it")
                .containsExactly(row("id", 1L, "name", "mine", "qty", 7, "note", "there"));
        assertThat(result.conflicts()).singleElement()
                .satisfies(c -> assertThat(c.resolution().decision()).isEqualTo(Resolution.Decision.WRITE_ROW));
        assertThat(result.applied()).containsExactly(update);
    }

    @Test
    void manualParksTheKeyAndHoldsItsLaterChangesWhileOtherKeysApply() throws Exception {
        database().execute("INSERT INTO items VALUES (1, 'changed', 1, 'n')");
        JdbcApplier applier = applier(ConflictPolicy.MANUAL);
        ChangeEvent parkedChange = update(1L, "orig", "a");
        ChangeEvent create = items.create("id", 2L, "name", "two", "qty", 2, "note", "n");
        ChangeEvent later = update(1L, "a", "b");

        ApplyResult result = apply(applier, parkedChange, create, later);

        assertThat(itemRows()).containsExactly(
                row("id", 1L, "name", "changed", "qty", 1, "note", "n"),
                row("id", 2L, "name", "two", "qty", 2, "note", "n"));
        assertThat(result.applied()).containsExactly(create);
        assertThat(result.held()).containsExactly(parkedChange, later);
        ConflictRecord parked = result.conflicts().get(0);
        assertThat(parked.parked()).isTrue();
        assertThat(applier.parked()).containsExactly(parked);
        assertThat(sink.entries).containsExactly(parked, new HeldChange(parked.id(), 1, later));

        ChangeEvent evenLater = update(1L, "b", "c");
        ApplyResult next = apply(applier, evenLater);

        assertThat(next.held()).containsExactly(evenLater);
        assertThat(sink.entries).endsWith(new HeldChange(parked.id(), 2, evenLater));
        assertThat(itemRows()).first().isEqualTo(row("id", 1L, "name", "changed", "qty", 1, "note", "n"));
    }

    @Test
    void resolvingAParkedConflictAppliesTheHeldChangesInOrder() throws Exception {
        database().execute("INSERT INTO items VALUES (1, 'changed', 1, 'n')");
        JdbcApplier applier = applier(ConflictPolicy.MANUAL);
        List<ChangeEvent> key1 = List.of(update(1L, "orig", "a"), update(1L, "a", "b"), update(1L, "b", "c"));
        apply(applier, key1.get(0), key1.get(1));
        apply(applier, key1.get(2));
        String id = applier.parked().get(0).id();

        ApplyResult result = applier.resolveParked(id, Resolution.applyIncoming("a person chose the legacy version"));

        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "c", "qty", 1, "note", "n"));
        assertThat(result.applied()).containsExactlyElementsOf(key1);
        assertThat(result.held()).isEmpty();
        assertThat(result.conflicts()).isEmpty();
        assertThat(applier.parked()).isEmpty();
        assertThat(sink.entries).last().isInstanceOfSatisfying(ConflictResolved.class, r -> {
            assertThat(r.conflictId()).isEqualTo(id);
            assertThat(r.resolution().decision()).isEqualTo(Resolution.Decision.APPLY_INCOMING);
        });
        assertThatThrownBy(() -> applier.resolveParked(id, Resolution.keepCurrent("again")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(id).hasMessageContaining("resolved already");

        ApplyResult free = apply(applier, update(1L, "c", "d"));
        assertThat(free.conflicts()).isEmpty();
        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "d", "qty", 1, "note", "n"));
    }

    @Test
    void keepingTheCurrentRowParksAgainAtAHeldChangeThatNoLongerFits() throws Exception {
        database().execute("INSERT INTO items VALUES (1, 'changed', 1, 'n')");
        JdbcApplier applier = applier(ConflictPolicy.MANUAL);
        ChangeEvent first = update(1L, "orig", "a");
        ChangeEvent second = update(1L, "a", "b");
        apply(applier, first, second);
        String id = applier.parked().get(0).id();

        ApplyResult result = applier.resolveParked(id, Resolution.keepCurrent("a person kept the new version"));

        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "changed", "qty", 1, "note", "n"));
        assertThat(result.applied()).containsExactly(first);
        assertThat(result.held()).containsExactly(second);
        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.conflict().change()).isEqualTo(second);
            assertThat(c.parked()).isTrue();
        });
        assertThat(applier.parked()).containsExactlyElementsOf(result.conflicts());
    }

    @Test
    void resolvingWithARowWritesItAndRefusesARowOfAnotherKey() throws Exception {
        database().execute("INSERT INTO items VALUES (1, 'changed', 1, 'n')");
        JdbcApplier applier = applier(ConflictPolicy.MANUAL);
        apply(applier, update(1L, "orig", "a"));
        String id = applier.parked().get(0).id();

        assertThatThrownBy(() -> applier.resolveParked(id, Resolution.writeRow(row("id", 9L, "name", "x"), "wrong key")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(id).hasMessageContaining("key");
        assertThatThrownBy(() -> applier.resolveParked("no-such-id", Resolution.keepCurrent("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-id");
        ApplyResult result = applier.resolveParked(id, Resolution.writeRow(row("id", 1L, "name", "agreed", "qty", 5), "both asked"));

        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "agreed", "qty", 5, "note", "n"));
        assertThat(result.applied()).hasSize(1);
        assertThat(applier.parked()).isEmpty();
    }

    @Test
    void aNewApplierRestoresParkedKeysFromTheConflictLog() throws Exception {
        database().execute("INSERT INTO items VALUES (1, 'changed', 1, 'n')");
        List<ChangeEvent> key1 = List.of(update(1L, "orig", "a"), update(1L, "a", "b"), update(1L, "b", "c"));
        JdbcApplier before = applier(ConflictPolicy.MANUAL);
        apply(before, key1.get(0), key1.get(1));
        ConflictRecord parked = before.parked().get(0);
        before.close();

        JdbcApplier after = applier(ConflictPolicy.MANUAL);
        assertThat(after.restoreParked(List.copyOf(sink.entries))).isEqualTo(1);
        assertThat(after.parked()).containsExactly(parked);
        ApplyResult held = apply(after, key1.get(2));
        assertThat(held.held()).containsExactly(key1.get(2));
        assertThat(sink.entries).last().isEqualTo(new HeldChange(parked.id(), 2, key1.get(2)));
        ApplyResult resolved = after.resolveParked(parked.id(), Resolution.applyIncoming("legacy"));

        assertThat(resolved.applied()).containsExactlyElementsOf(key1);
        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "c", "qty", 1, "note", "n"));
        assertThat(applier(ConflictPolicy.MANUAL).restoreParked(List.copyOf(sink.entries)))
                .as("the log shows it resolved").isZero();
        assertThat(applier(check("other-binding", ConflictPolicy.MANUAL)).restoreParked(List.copyOf(sink.entries.subList(0, 2))))
                .as("another binding's conflicts are not this applier's").isZero();
    }

    @Test
    void aFailingConflictLogRollsTheWholeBatchBack() throws Exception {
        database().execute("INSERT INTO items VALUES (1, 'changed', 1, 'n')");
        JdbcApplier applier = applier(ConflictPolicy.MANUAL);
        apply(applier, items.create("id", 5L, "name", "five", "qty", 5, "note", "n"));
        List<ChangeEvent> batch = List.of(update(1L, "orig", "a"), items.create("id", 2L, "name", "two", "qty", 2, "note", "n"),
                plain.create("id", 1L, "name", "p"));
        sink.failure = new IllegalStateException("log unavailable");

        assertThatThrownBy(() -> applier.apply(batch)).isInstanceOfSatisfying(ApplyException.class, e -> {
            assertThat(e.retriable()).isTrue();
            assertThat(e.getMessage()).contains("conflict log");
        });
        assertThat(itemRows()).extracting(r -> r.get("id")).containsExactly(1L, 5L);
        assertThat(new JdbcRowReader(connections).readAll(plainSchema)).isEmpty();
        assertThat(database().queryRows("SELECT batch FROM cutover_apply_marker")).containsExactly(Map.of("batch", 1L));
        assertThat(applier.parked()).isEmpty();

        sink.failure = null;
        ApplyResult retried = apply(applier, batch.toArray(ChangeEvent[]::new));
        assertThat(retried.held()).containsExactly(batch.get(0));
        assertThat(itemRows()).extracting(r -> r.get("id")).containsExactly(1L, 2L, 5L);
        assertThat(applier.parked()).hasSize(1);
        assertThat(database().queryRows("SELECT batch FROM cutover_apply_marker")).containsExactly(Map.of("batch", 2L));
    }

    @Test
    void aChangeHeldInARolledBackAttemptIsHeldAndLoggedAgainOnRetry() throws Exception {
        database().execute("INSERT INTO items VALUES (1, 'changed', 1, 'n')");
        JdbcApplier applier = applier(ConflictPolicy.MANUAL);
        apply(applier, update(1L, "orig", "a"));
        ConflictRecord parked = applier.parked().get(0);
        ChangeEvent later = update(1L, "a", "b");
        sink.failure = new IllegalStateException("log unavailable");
        assertThatThrownBy(() -> applier.apply(List.of(later))).isInstanceOf(ApplyException.class);
        sink.failure = null;

        ApplyResult retried = apply(applier, later);

        assertThat(retried.held()).containsExactly(later);
        assertThat(sink.entries).containsExactly(parked, new HeldChange(parked.id(), 1, later));
        applier.resolveParked(parked.id(), Resolution.applyIncoming("legacy"));
        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "b", "qty", 1, "note", "n"));
    }

    @Test
    void tablesWithoutACheckAreWrittenAsBefore() throws Exception {
        database().execute("INSERT INTO plain VALUES (1, 'mine'), (2, 'mine')");
        JdbcApplier applier = applier(ConflictPolicy.MANUAL);
        List<ChangeEvent> batch = List.of(plain.create("id", 1L, "name", "theirs"),
                items.create("id", 1L, "name", "one", "qty", 1, "note", "n"),
                plain.delete("id", 2L, "name", "other"));

        ApplyResult result = apply(applier, batch.toArray(ChangeEvent[]::new));

        assertThat(new JdbcRowReader(connections).readAll(plainSchema)).containsExactly(row("id", 1L, "name", "theirs"));
        assertThat(itemRows()).containsExactly(row("id", 1L, "name", "one", "qty", 1, "note", "n"));
        assertThat(result.applied()).containsExactlyElementsOf(batch);
        assertThat(result.conflicts()).isEmpty();
        assertThat(sink.entries).isEmpty();
    }

    @Test
    void readsTheTargetRowUnderLockSoAConcurrentWriteIsSeen() throws Exception {
        database().execute("INSERT INTO items VALUES (1, 'orig', 1, 'n')");
        JdbcApplier applier = applier(ConflictPolicy.NEW_WINS);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection other = database().connect(); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.executeUpdate("UPDATE items SET name = 'changed' WHERE id = 1");
            Future<ApplyResult> applying = executor.submit(() -> applier.apply(List.of(update(1L, "orig", "theirs"))));
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
    void aNewKeyReplayedOneByOneIsInsertedOnceAndThenWrittenAsUsual() throws Exception {
        ChangeEvent create = items.create("id", 5L, "name", "five", "qty", 1, "note", "n");
        ChangeEvent rename = items.update(row("id", 5L, "name", "five", "qty", 1, "note", "n"),
                row("id", 5L, "name", "5", "qty", 1, "note", "n"));
        ChangeEvent refused = items.update(row("id", 5L, "name", "5", "qty", 1, "note", "n"),
                row("id", 5L, "name", "5", "qty", -1, "note", "n"));

        ApplyResult result = apply(applier(ConflictPolicy.NEW_WINS), create, rename, refused);

        assertThat(result.applied()).containsExactly(create, rename);
        assertThat(result.rejected()).singleElement().satisfies(r -> assertThat(r.change()).isEqualTo(refused));
        assertThat(result.conflicts()).isEmpty();
        assertThat(itemRows()).containsExactly(row("id", 5L, "name", "5", "qty", 1, "note", "n"));
    }

    @Test
    void aRefusedChangeOfACheckedTableIsIsolatedAndTheRestCommits() throws Exception {
        database().execute("INSERT INTO items VALUES (2, 'mine', 2, 'n')");
        ChangeEvent refused = items.create("id", 1L, "name", "bad", "qty", -1, "note", "n");
        ChangeEvent conflicting = items.create("id", 2L, "name", "theirs", "qty", 2, "note", "n");
        ChangeEvent fits = items.create("id", 3L, "name", "three", "qty", 3, "note", "n");

        ApplyResult result = apply(applier(ConflictPolicy.LEGACY_WINS), refused, conflicting, fits);

        assertThat(result.rejected()).singleElement().satisfies(r -> assertThat(r.change()).isEqualTo(refused));
        assertThat(result.applied()).containsExactly(conflicting, fits);
        assertThat(result.conflicts()).singleElement().satisfies(c -> assertThat(c.conflict().change()).isEqualTo(conflicting));
        assertThat(sink.entries).as("the attempt that was refused never reached the log").containsExactlyElementsOf(result.conflicts());
        assertThat(itemRows()).containsExactly(
                row("id", 2L, "name", "theirs", "qty", 2, "note", "n"),
                row("id", 3L, "name", "three", "qty", 3, "note", "n"));
    }

    /** Waits until exactly one session (the applier's) waits for a lock. */
    protected final void awaitApplierWaitingForALock() {
        await().atMost(TIMEOUT).until(() -> lockWaiters() == 1);
    }

    /** An update of {@code id}'s name from {@code from} to {@code to}, the other columns as inserted by the tests. */
    protected final ChangeEvent update(long id, String from, String to) {
        return items.update(row("id", id, "name", from, "qty", 1, "note", "n"), row("id", id, "name", to, "qty", 1, "note", "n"));
    }

    protected final ApplyResult apply(JdbcApplier applier, ChangeEvent... changes) throws ApplyException {
        ApplyResult result = applier.apply(List.of(changes));
        List<ChangeEvent> accounted = new ArrayList<>(result.applied());
        result.rejected().forEach(r -> accounted.add(r.change()));
        accounted.addAll(result.held());
        assertThat(accounted).as("every change is applied, rejected or held, once").containsExactlyInAnyOrder(changes);
        return result;
    }

    protected final List<RowImage> itemRows() throws Exception {
        return new JdbcRowReader(connections).readAll(itemsSchema);
    }

    protected final JdbcApplier applier(ConflictPolicy policy) {
        return applier(check("shop", policy));
    }

    private JdbcApplier applier(ConflictCheck check) {
        JdbcApplier applier = new JdbcApplier(connections, Map.of(itemsSchema.table(), itemsSchema, plainSchema.table(), plainSchema), CLOCK,
                new ApplyMarker("shop", table("cutover_apply_marker")), new ConflictHandling(Map.of(itemsSchema.table(), check), sink));
        appliers.add(applier);
        return applier;
    }

    private static ConflictCheck check(String binding, ConflictPolicy policy) {
        ConflictSpec spec = new ConflictSpec(policy, null, ConflictPolicy.LEGACY_WINS, null, Map.of(), false);
        return new ConflictCheck(binding, SystemSide.NEW, policy, ConflictResolvers.create(spec, SystemSide.NEW, null), CLOCK);
    }

    /** Collects the entries in memory; fails while {@link #failure} is set. */
    protected static final class RecordingSink implements ConflictSink {
        public final List<ConflictLogEntry> entries = new CopyOnWriteArrayList<>();
        public volatile Exception failure;

        @Override
        public void record(List<ConflictLogEntry> batch) throws Exception {
            if (failure != null) {
                throw failure;
            }
            entries.addAll(batch);
        }
    }
}
