package dev.cutover.jdbc;

import static dev.cutover.jdbc.testing.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ApplyException;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.testing.Changes;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Applier scenarios every database must pass, on a table declared in portable SQL:
 * {@code accounts(id BIGINT PRIMARY KEY, name VARCHAR(50) NOT NULL, balance DECIMAL(12,2) CHECK (balance >= 0),
 * note VARCHAR(100) DEFAULT 'none')}. A thin subclass per database supplies the database.
 */
public abstract class AbstractJdbcApplierIT {

    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    protected JdbcConnectionFactory connections;
    private TableSchema schema;
    private JdbcApplier applier;
    private Changes accounts;

    /** The JDBC URL of this class's database. */
    protected abstract String jdbcUrl();

    protected abstract String user();

    /** The user's password; null when the database needs none. */
    protected char[] password() {
        return null;
    }

    /** What the reason of a write to a table that does not exist names: the database's error code or SQLState. */
    protected abstract String undefinedTableError();

    /** Runs statements on the database, each committed. */
    protected abstract void execute(String... sql);

    /** The id of a table of the test schema. */
    protected abstract TableId table(String name);

    /** Terminates every other session on the database, as a server restart would. */
    protected abstract void terminateConnections();

    /** How many sessions of the database wait for a row lock. */
    protected abstract int sessionsWaitingForLocks();

    /** Terminates the sessions waiting for a row lock. */
    protected abstract void terminateSessionsWaitingForLocks();

    /** The id of the transaction that last wrote account {@code id}, as the database's change capture names it. */
    protected abstract String transactionThatWrote(long id);

    @BeforeEach
    void createAccounts() throws Exception {
        execute("DROP TABLE IF EXISTS accounts",
                "CREATE TABLE accounts (id BIGINT PRIMARY KEY, name VARCHAR(50) NOT NULL,"
                        + " balance DECIMAL(12,2) CHECK (balance >= 0), note VARCHAR(100) DEFAULT 'none')");
        connections = JdbcConnectionFactory.of(jdbcUrl(), user(), password());
        schema = new JdbcSchemaReader(connections).read(table("accounts"));
        applier = new JdbcApplier(connections, Map.of(schema.table(), schema), Clock.fixed(NOW, ZoneOffset.UTC));
        accounts = new Changes(schema.table(), "id");
    }

    @AfterEach
    void closeApplier() {
        applier.close();
    }

    @Test
    void insertsUpdatesAndDeletesRows() throws Exception {
        apply(accounts.create("id", 1L, "name", "ann", "balance", dec("10.50"), "note", "a"),
                accounts.create("id", 2L, "name", "bob", "balance", dec("0.00"), "note", "b"),
                accounts.read("id", 3L, "name", "cid", "balance", null, "note", null));
        apply(accounts.update("id", 1L, "name", "ann", "balance", dec("11.00"), "note", "a2"),
                accounts.delete("id", 2L));

        assertThat(rows()).containsExactly(
                row("id", 1L, "name", "ann", "balance", dec("11.00"), "note", "a2"),
                row("id", 3L, "name", "cid", "balance", null, "note", null));
    }

    @Test
    void namesTheTransactionThatCommittedTheBatchAsTheCaptureWould() throws Exception {
        List<String> named = new ArrayList<>();
        applier.apply(List.of(accounts.create("id", 7L, "name", "gil", "balance", dec("1.00"), "note", "n")), named::add);
        applier.apply(List.of(accounts.update("id", 7L, "name", "gil", "balance", dec("2.00"), "note", "n")));

        assertThat(named).singleElement().isNotNull();
        applier.apply(List.of(accounts.update("id", 7L, "name", "gil", "balance", dec("3.00"), "note", "n")), named::add);
        assertThat(named).hasSize(2);
        assertThat(named.get(1)).isEqualTo(transactionThatWrote(7L)).isNotEqualTo(named.get(0));
    }

    @Test
    void createOfAnExistingKeyUpdatesTheRow() throws Exception {
        apply(accounts.create("id", 1L, "name", "ann", "balance", dec("1"), "note", "x"));
        apply(accounts.create("id", 1L, "name", "ann2", "balance", dec("2"), "note", "y"));

        assertThat(rows()).containsExactly(row("id", 1L, "name", "ann2", "balance", dec("2"), "note", "y"));
    }

    @Test
    void keepsOnlyTheLastChangeOfEachKeyWithinABatch() throws Exception {
        ApplyResult result = apply(
                accounts.create("id", 1L, "name", "v1", "balance", dec("1"), "note", "n"),
                accounts.update("id", 1L, "name", "v2", "balance", dec("2"), "note", "n"),
                accounts.create("id", 2L, "name", "gone", "balance", dec("1"), "note", "n"),
                accounts.update("id", 1L, "name", "v3", "balance", dec("3"), "note", "n"),
                accounts.delete("id", 2L));

        assertThat(rows()).containsExactly(row("id", 1L, "name", "v3", "balance", dec("3"), "note", "n"));
        assertThat(result.applied()).hasSize(5);
        assertThat(result.rejected()).isEmpty();
        assertThat(result.commitTime()).isEqualTo(NOW);
    }

    @Test
    void deleteThenRecreateInOneBatchLeavesTheRecreatedRow() throws Exception {
        apply(accounts.create("id", 1L, "name", "old", "balance", dec("1"), "note", "old note"));

        apply(accounts.delete("id", 1L), accounts.create("id", 1L, "name", "new", "balance", dec("2"), "note", "new note"));

        assertThat(rows()).containsExactly(row("id", 1L, "name", "new", "balance", dec("2"), "note", "new note"));
    }

    @Test
    void recreatingWithAPartialImageResetsTheOtherColumnsToTheirDefaults() throws Exception {
        apply(accounts.create("id", 1L, "name", "old", "balance", dec("1"), "note", "old note"));

        apply(accounts.delete("id", 1L), accounts.create("id", 1L, "name", "new"));

        assertThat(rows()).containsExactly(row("id", 1L, "name", "new", "balance", null, "note", "none"));
    }

    @Test
    void keyChangeAsDeleteOfTheOldKeyAndCreateOfTheNewMovesTheRow() throws Exception {
        apply(accounts.create("id", 1L, "name", "ann", "balance", dec("1"), "note", "n"));

        apply(accounts.delete("id", 1L), accounts.create("id", 5L, "name", "ann", "balance", dec("1"), "note", "n"));

        assertThat(rows()).containsExactly(row("id", 5L, "name", "ann", "balance", dec("1"), "note", "n"));
    }

    @Test
    void updateWhoseBeforeImageHasAnotherKeyMovesTheRow() throws Exception {
        apply(accounts.create("id", 1L, "name", "ann", "balance", dec("1"), "note", "n"));

        apply(accounts.update(row("id", 1L, "name", "ann", "balance", dec("1"), "note", "n"),
                row("id", 6L, "name", "ann", "balance", dec("1"), "note", "n")));

        assertThat(rows()).containsExactly(row("id", 6L, "name", "ann", "balance", dec("1"), "note", "n"));
    }

    @Test
    void partialAfterImagesLeaveOtherColumnsAloneAndInsertDefaults() throws Exception {
        apply(accounts.create("id", 1L, "name", "ann", "balance", dec("5"), "note", "keep me"));

        apply(accounts.update("id", 1L, "balance", dec("6")), accounts.create("id", 2L, "name", "bob"));

        assertThat(rows()).containsExactly(
                row("id", 1L, "name", "ann", "balance", dec("6"), "note", "keep me"),
                row("id", 2L, "name", "bob", "balance", null, "note", "none"));
    }

    @Test
    void partialImagesOfOneKeyInOneBatchAddUp() throws Exception {
        apply(accounts.create("id", 1L, "name", "ann", "balance", dec("5"), "note", "n"));

        apply(accounts.update("id", 1L, "balance", dec("6")), accounts.update("id", 1L, "note", "m"));

        assertThat(rows()).containsExactly(row("id", 1L, "name", "ann", "balance", dec("6"), "note", "m"));
    }

    @Test
    void applyingTheSameBatchTwiceGivesTheSameTable() throws Exception {
        apply(accounts.create("id", 9L, "name", "pre", "balance", dec("9"), "note", "n"));
        List<ChangeEvent> batch = List.of(
                accounts.create("id", 1L, "name", "ann", "balance", dec("1"), "note", "n"),
                accounts.create("id", 2L, "name", "bob", "balance", dec("2"), "note", "n"),
                accounts.update("id", 1L, "name", "ann", "balance", dec("3"), "note", "n"),
                accounts.delete("id", 9L),
                accounts.delete("id", 2L),
                accounts.create("id", 3L, "name", "cid"));

        applier.apply(batch);
        List<RowImage> once = rows();
        ApplyResult again = applier.apply(batch);

        assertThat(rows()).isEqualTo(once).containsExactly(
                row("id", 1L, "name", "ann", "balance", dec("3"), "note", "n"),
                row("id", 3L, "name", "cid", "balance", null, "note", "none"));
        assertThat(again.applied()).isEqualTo(batch);
    }

    @Test
    void leavesTheTableAsApplyingEveryChangeInTurnWouldForARandomWorkload() throws Exception {
        java.util.Random random = new java.util.Random(42);
        TreeMap<Long, RowImage> expected = new TreeMap<>();
        List<ChangeEvent> changes = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            long id = random.nextInt(200);
            ChangeEvent change = randomChange(random, id, expected.get(id), i);
            changes.add(change);
            applyToModel(expected, id, change);
        }
        for (int from = 0; from < changes.size(); ) {
            int to = Math.min(changes.size(), from + 1 + random.nextInt(700));
            assertThat(applier.apply(changes.subList(from, to)).rejected()).isEmpty();
            from = to;
        }

        assertThat(rows()).containsExactlyElementsOf(expected.values());
    }

    private ChangeEvent randomChange(java.util.Random random, long id, RowImage current, int i) {
        int pick = random.nextInt(10);
        if (current != null && pick < 2) {
            return accounts.delete("id", id);
        }
        if (current != null && pick < 5) {
            return accounts.update("id", id, "balance", BigDecimal.valueOf(i, 2));
        }
        return pick < 7
                ? accounts.create("id", id, "name", "n" + i)
                : accounts.create("id", id, "name", "n" + i, "balance", BigDecimal.valueOf(i, 2), "note", "t" + i);
    }

    /** Applies one change to the expected table the way the database applies it alone. */
    private static void applyToModel(TreeMap<Long, RowImage> expected, long id, ChangeEvent change) {
        if (change.after() == null) {
            expected.remove(id);
            return;
        }
        RowImage base = expected.getOrDefault(id, row("id", id, "name", null, "balance", null, "note", "none"));
        Map<String, Object> merged = new java.util.LinkedHashMap<>(base.asMap());
        merged.putAll(change.after().asMap());
        expected.put(id, RowImage.of(merged));
    }

    @Test
    void rejectsARowViolatingACheckConstraintAndCommitsTheOthers() throws Exception {
        ChangeEvent bad = accounts.create("id", 2L, "name", "secret-name", "balance", dec("-5"), "note", "n");
        ChangeEvent first = accounts.create("id", 1L, "name", "ann", "balance", dec("1"), "note", "n");
        ChangeEvent third = accounts.create("id", 3L, "name", "cid", "balance", dec("3"), "note", "n");

        ApplyResult result = apply(first, bad, third);

        assertThat(result.applied()).containsExactly(first, third);
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.change()).isSameAs(bad);
            assertThat(r.reason()).containsIgnoringCase("check").doesNotContain("secret-name").doesNotContain("-5");
        });
        assertThat(rows()).extracting(r -> r.get("id")).containsExactly(1L, 3L);
    }

    @Test
    void rejectsARowViolatingNotNullAndCommitsTheOthers() throws Exception {
        ChangeEvent bad = accounts.create("id", 2L, "name", null, "balance", dec("777.77"), "note", "n");

        ApplyResult result = apply(accounts.create("id", 1L, "name", "ann"), bad, accounts.create("id", 3L, "name", "cid"));

        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.change()).isSameAs(bad);
            assertThat(r.reason()).containsIgnoringCase("null").contains("name").doesNotContain("777.77");
        });
        assertThat(rows()).extracting(r -> r.get("id")).containsExactly(1L, 3L);
    }

    @Test
    void aRefusedLastChangeOfAKeyStillLetsItsEarlierChangesLand() throws Exception {
        ChangeEvent create = accounts.create("id", 1L, "name", "ann", "balance", dec("10"), "note", "n");
        ChangeEvent refused = accounts.update("id", 1L, "name", "ann", "balance", dec("-1"), "note", "n");

        ApplyResult result = apply(create, refused);

        assertThat(result.applied()).containsExactly(create);
        assertThat(result.rejected()).extracting(ApplyResult.RejectedChange::change).containsExactly(refused);
        assertThat(rows()).containsExactly(row("id", 1L, "name", "ann", "balance", dec("10"), "note", "n"));
    }

    @Test
    void theChangesOfARowAfterARefusedOneAreLeftOutAndReportedRefused() throws Exception {
        ChangeEvent refused = accounts.create("id", 1L, "name", "ann", "balance", dec("-1"), "note", "n");
        ChangeEvent later = accounts.update("id", 1L, "name", "bob");
        ChangeEvent other = accounts.create("id", 2L, "name", "cid", "balance", dec("2"), "note", "n");

        ApplyResult result = apply(refused, later, other);

        assertThat(result.applied()).containsExactly(other);
        assertThat(result.rejected()).extracting(ApplyResult.RejectedChange::change).containsExactly(refused, later);
        assertThat(result.rejected().get(1).reason()).contains("not written").contains("was refused before it");
        assertThat(rows()).extracting(r -> r.get("id")).containsExactly(2L);
    }

    @Test
    void isolatesSeveralRefusedRowsInALargeBatch() throws Exception {
        List<ChangeEvent> batch = new ArrayList<>();
        for (long id = 0; id < 1000; id++) {
            batch.add(accounts.create("id", id, "name", "n", "balance", dec(id % 250 == 7 ? "-1" : "1"), "note", "n"));
        }

        ApplyResult result = applier.apply(batch);

        assertThat(result.rejected()).extracting(r -> r.change().after().get("id")).containsExactly(7L, 257L, 507L, 757L);
        assertThat(result.applied()).hasSize(996);
        assertThat(rows()).hasSize(996);
    }

    @Test
    void aBatchAgainstADroppedTableIsFatalAndNamesTheTable() throws Exception {
        apply(accounts.create("id", 1L, "name", "ann"));
        execute("DROP TABLE accounts");

        assertThatThrownBy(() -> apply(accounts.create("id", 2L, "name", "bob")))
                .isInstanceOfSatisfying(ApplyException.class, e -> assertThat(e.retriable()).isFalse())
                .hasMessageContaining("writing table " + schema.table())
                .hasMessageContaining(undefinedTableError());
    }

    @Test
    void aChangeThatDoesNotFitTheTableIsFatalAndWritesNothing() {
        assertThatThrownBy(() -> apply(accounts.create("id", 1L, "name", "ann"), accounts.create("id", 2L, "nmae", "bob")))
                .isInstanceOfSatisfying(ApplyException.class, e -> assertThat(e.retriable()).isFalse())
                .hasMessageContaining("'nmae'");
        assertThat(rowsOrFail()).isEmpty();
    }

    @Test
    void aTerminatedIdleConnectionGivesARetriableFailureAndTheNextApplyReconnects() throws Exception {
        apply(accounts.create("id", 1L, "name", "ann"));
        terminateConnections();
        ChangeEvent update = accounts.update("id", 1L, "name", "ann2");

        assertThatThrownBy(() -> apply(update))
                .isInstanceOfSatisfying(ApplyException.class, e -> assertThat(e.retriable()).isTrue());
        apply(update);

        assertThat(rows()).extracting(r -> r.get("name")).containsExactly("ann2");
    }

    @Test
    void aConnectionTerminatedMidTransactionGivesARetriableFailureAndTheNextApplySucceeds() throws Exception {
        apply(accounts.create("id", 1L, "name", "ann"));
        List<ChangeEvent> batch = List.of(accounts.create("id", 2L, "name", "bob"), accounts.update("id", 1L, "name", "locked"));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection locker = connections.open()) {
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                statement.executeUpdate("UPDATE accounts SET note = 'held' WHERE id = 1");
            }
            Future<ApplyResult> blocked = executor.submit(() -> applier.apply(batch));
            await().atMost(TIMEOUT).until(() -> sessionsWaitingForLocks() == 1);
            terminateSessionsWaitingForLocks();

            assertThatThrownBy(() -> blocked.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ApplyException.class)
                    .cause().satisfies(e -> assertThat(((ApplyException) e).retriable()).isTrue());
            locker.rollback();
        } finally {
            executor.shutdownNow();
        }

        applier.apply(batch);
        assertThat(rows()).extracting(r -> r.get("name")).containsExactly("locked", "bob");
    }

    @Test
    void anEmptyBatchCommitsNothingAndNeedsNoConnection() throws Exception {
        ApplyResult result = applier.apply(List.of());

        assertThat(result.applied()).isEmpty();
        assertThat(result.commitTime()).isEqualTo(NOW);
    }

    @Test
    void refusesToApplyAfterClose() {
        applier.close();
        applier.close();

        assertThatThrownBy(() -> apply(accounts.create("id", 1L, "name", "ann"))).isInstanceOf(IllegalStateException.class);
    }

    protected ApplyResult apply(ChangeEvent... changes) throws ApplyException {
        return applier.apply(List.of(changes));
    }

    protected List<RowImage> rows() throws Exception {
        return new JdbcRowReader(connections).readAll(schema);
    }

    private List<RowImage> rowsOrFail() {
        try {
            return rows();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    protected static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
