package dev.cutover.debezium;

import static dev.cutover.debezium.AbstractCaptureITSupport.DELIVERY_TIMEOUT;
import static dev.cutover.debezium.AbstractCaptureITSupport.awaitEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ChangeBatchHandler;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.testkit.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Echo suppression every capture must do, as a JUnit test interface: transactions an applier of
 * this bridge marked never come out of the capture, also across a crash or a stop inside one. A
 * database's echo IT implements it next to its {@link AbstractCaptureITSupport}, which provides
 * the abstract methods but {@link #mark}.
 *
 * @param <S> the database's capture source
 */
interface CaptureEchoScenarios<S extends DebeziumCaptureSource> {

    /** Rows of a marked transaction that spans several batches of {@link #SMALL_BATCH} records. */
    int MARKED_ROWS = 20;
    int SMALL_BATCH = 5;
    /** The row the application writes after the marked transaction. */
    int APPLICATION_ROW = 1000;

    TestDatabase database();

    TableId tableId(String name);

    CaptureOptions.Builder options(String bridge, String... tables);

    S start(CaptureOptions options, ChangeBatchHandler handler);

    S start(CaptureOptions options, ChangeBatchHandler handler, PipelineListener listener);

    void awaitStreaming(S source);

    void inTransaction(String... sql) throws SQLException;

    /**
     * What the JDBC applier's marker does for {@code bridge} in the marker table the capture
     * created: one row per bridge, upserted first in its transaction.
     */
    String mark(String bridge);

    /** The capture's position now, for {@link #assertCommittedUpTo}; null where that is not checked. */
    default String currentPosition() throws SQLException {
        return null;
    }

    /** Asserts that the capture commits its position up to {@code position} (from {@link #currentPosition}); by default nothing. */
    default void assertCommittedUpTo(CaptureOptions options, String position) {
    }

    @Test
    default void transactionsMarkedByThisBridgeAreDroppedAndEverythingElseIsDelivered() throws Exception {
        database().execute("CREATE TABLE items (id int PRIMARY KEY, name varchar(100))");
        List<String> skipped = new CopyOnWriteArrayList<>();
        PipelineListener listener = new PipelineListener() {
            @Override
            public void onSkipped(String binding, ChangeEvent event, String reason) {
                skipped.add(binding + " " + event.operation() + " " + event.key().get("id") + " " + reason);
            }
        };
        RecordingHandler handler = new RecordingHandler();
        CaptureOptions options = options("shop", "items").snapshotMode(SnapshotMode.NO_DATA).suppressEchoes().build();
        String schema = tableId("items").schema();
        assertThat(options.echoMarkerTable().schema()).as("the marker table lives in the captured schema").isEqualTo(schema);
        S source = start(options, handler, listener);
        awaitStreaming(source);

        inTransaction(mark("shop"), "INSERT INTO items VALUES (1, 'applied')", "UPDATE items SET name = 'applied twice' WHERE id = 1");
        database().execute("INSERT INTO items VALUES (2, 'written by the application right after')");
        inTransaction(mark("other"), "INSERT INTO items VALUES (3, 'applied by another bridge')");
        inTransaction(mark("shop"), "DELETE FROM items WHERE id = 2");
        String afterEchoes = currentPosition();
        database().execute("UPDATE items SET name = 'application again' WHERE id = 1");

        awaitEvents(handler, events -> events.size() >= 3);
        assertThat(handler.events()).extracting(e -> e.operation(), e -> e.key().get("id")).containsExactly(
                tuple(Operation.CREATE, 2), tuple(Operation.CREATE, 3), tuple(Operation.UPDATE, 1));
        assertThat(skipped).containsExactly(schema + ".items CREATE 1 echo", schema + ".items UPDATE 1 echo", schema + ".items DELETE 2 echo");
        assertThat(source.echoesSkipped()).isEqualTo(3);
        assertCommittedUpTo(options, afterEchoes);
    }

    @Test
    default void aCrashAfterPartOfAMarkedTransactionWasCommittedNeverLetsItsRestThrough() throws Exception {
        database().execute("CREATE TABLE crash_items (id int PRIMARY KEY)");
        CaptureOptions options = options("crash", "crash_items").snapshotMode(SnapshotMode.NO_DATA).suppressEchoes()
                .maxBatchSize(SMALL_BATCH).build();
        RecordingHandler crashing = RecordingHandler.failingWhen(events -> ids(events).contains(APPLICATION_ROW));
        S first = start(options, crashing);
        awaitStreaming(first);

        inTransaction(markedInserts("crash", "crash_items"));
        database().execute("INSERT INTO crash_items VALUES (" + APPLICATION_ROW + ")");

        await().atMost(DELIVERY_TIMEOUT).until(() -> first.state() == DebeziumCaptureSource.State.FAILED);
        assertThat(crashing.events()).isEmpty();
        assertThat(ids(crashing.failedBatch())).as("the batches before were echoes only, and handled").containsExactly(APPLICATION_ROW);
        assertThat(first.echoesSkipped()).isEqualTo(MARKED_ROWS);

        RecordingHandler restarted = new RecordingHandler();
        S second = start(options, restarted);
        awaitEvents(restarted, events -> ids(events).contains(APPLICATION_ROW));

        assertThat(ids(restarted.events())).as("nothing of the marked transaction").containsExactly(APPLICATION_ROW);
        assertThat(second.echoesSkipped()).as("the transaction was read again from its marker").isEqualTo(MARKED_ROWS);
    }

    @Test
    default void aStopInsideAMarkedTransactionNeverLetsItsRestThrough() throws Exception {
        database().execute("CREATE TABLE stop_items (id int PRIMARY KEY)");
        CaptureOptions options = options("halt", "stop_items").snapshotMode(SnapshotMode.NO_DATA).suppressEchoes()
                .maxBatchSize(SMALL_BATCH).build();
        AtomicReference<S> current = new AtomicReference<>();
        PipelineListener stopAtFirstEcho = new PipelineListener() {
            @Override
            public void onSkipped(String binding, ChangeEvent event, String reason) {
                current.get().stop();
            }
        };
        RecordingHandler stopped = new RecordingHandler();
        S first = start(options, stopped, stopAtFirstEcho);
        current.set(first);
        awaitStreaming(first);

        inTransaction(markedInserts("halt", "stop_items"));

        assertThat(first.awaitStop(DELIVERY_TIMEOUT)).isTrue();
        assertThat(first.failure()).isNull();
        assertThat(first.echoesSkipped()).as("stopped after the first batch of the transaction").isPositive().isLessThan(MARKED_ROWS);
        database().execute("INSERT INTO stop_items VALUES (" + APPLICATION_ROW + ")");

        RecordingHandler restarted = new RecordingHandler();
        S second = start(options, restarted);
        awaitEvents(restarted, events -> ids(events).contains(APPLICATION_ROW));

        assertThat(stopped.events()).isEmpty();
        assertThat(ids(restarted.events())).as("nothing of the marked transaction").containsExactly(APPLICATION_ROW);
        assertThat(second.echoesSkipped()).as("the transaction was read again from its marker").isEqualTo(MARKED_ROWS);
    }

    /** The marker of {@code bridge}, then {@link #MARKED_ROWS} inserts into {@code table}: one applied transaction. */
    private String[] markedInserts(String bridge, String table) {
        List<String> statements = new ArrayList<>();
        statements.add(mark(bridge));
        IntStream.rangeClosed(1, MARKED_ROWS).forEach(id -> statements.add("INSERT INTO " + table + " VALUES (" + id + ")"));
        return statements.toArray(String[]::new);
    }

    private static List<Object> ids(List<ChangeEvent> events) {
        return events.stream().map(e -> e.key().get("id")).toList();
    }
}
