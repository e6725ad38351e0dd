package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.pipeline.spi.PipelineListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Echo suppression on MariaDB: transactions an applier of this bridge marked never come out of the capture. */
class MariaDbCaptureEchoIT extends MariaDbCaptureITSupport {

    /** Rows of a marked transaction that spans several batches of {@link #SMALL_BATCH} records. */
    private static final int MARKED_ROWS = 20;
    private static final int SMALL_BATCH = 5;
    /** The row the application writes after the marked transaction. */
    private static final int APPLICATION_ROW = 1000;

    @BeforeAll
    static void createTables() {
        db.execute("CREATE TABLE items (id int PRIMARY KEY, name varchar(100))");
    }

    @Test
    void transactionsMarkedByThisBridgeAreDroppedAndEverythingElseIsDelivered() throws Exception {
        List<String> skipped = new CopyOnWriteArrayList<>();
        PipelineListener listener = new PipelineListener() {
            @Override
            public void onSkipped(String binding, ChangeEvent event, String reason) {
                skipped.add(binding.substring(binding.indexOf('.') + 1) + " " + event.operation() + " " + event.key().get("id") + " " + reason);
            }
        };
        RecordingHandler handler = new RecordingHandler();
        CaptureOptions options = options("shop", "items").snapshotMode(SnapshotMode.NO_DATA).suppressEchoes().build();
        assertThat(options.echoMarkerTable().schema()).as("the marker table lives in the captured database").isEqualTo(db.name());
        MariaDbCaptureSource source = start(options, handler, listener);
        awaitStreaming(source);

        inTransaction(mark("shop"), "INSERT INTO items VALUES (1, 'applied')", "UPDATE items SET name = 'applied twice' WHERE id = 1");
        db.execute("INSERT INTO items VALUES (2, 'written by the application right after')");
        inTransaction(mark("other"), "INSERT INTO items VALUES (3, 'applied by another bridge')");
        inTransaction(mark("shop"), "DELETE FROM items WHERE id = 2");
        db.execute("UPDATE items SET name = 'application again' WHERE id = 1");

        awaitEvents(handler, events -> events.size() >= 3);
        assertThat(handler.events()).extracting(e -> e.operation(), e -> e.key().get("id")).containsExactly(
                tuple(Operation.CREATE, 2), tuple(Operation.CREATE, 3), tuple(Operation.UPDATE, 1));
        assertThat(skipped).containsExactly("items CREATE 1 echo", "items UPDATE 1 echo", "items DELETE 2 echo");
        assertThat(source.echoesSkipped()).isEqualTo(3);
    }

    @Test
    void aCrashAfterPartOfAMarkedTransactionWasCommittedNeverLetsItsRestThrough() throws Exception {
        db.execute("CREATE TABLE crash_items (id int PRIMARY KEY)");
        CaptureOptions options = options("crash", "crash_items").snapshotMode(SnapshotMode.NO_DATA).suppressEchoes()
                .maxBatchSize(SMALL_BATCH).build();
        RecordingHandler crashing = RecordingHandler.failingWhen(events -> ids(events).contains(APPLICATION_ROW));
        MariaDbCaptureSource first = start(options, crashing);
        awaitStreaming(first);

        inTransaction(markedInserts("crash", "crash_items"));
        db.execute("INSERT INTO crash_items VALUES (" + APPLICATION_ROW + ")");

        await().atMost(DELIVERY_TIMEOUT).until(() -> first.state() == MariaDbCaptureSource.State.FAILED);
        assertThat(crashing.events()).isEmpty();
        assertThat(ids(crashing.failedBatch())).as("the batches before were echoes only, and handled").containsExactly(APPLICATION_ROW);
        assertThat(first.echoesSkipped()).isEqualTo(MARKED_ROWS);

        RecordingHandler restarted = new RecordingHandler();
        MariaDbCaptureSource second = start(options, restarted);
        awaitEvents(restarted, events -> ids(events).contains(APPLICATION_ROW));

        assertThat(ids(restarted.events())).as("nothing of the marked transaction").containsExactly(APPLICATION_ROW);
        assertThat(second.echoesSkipped()).as("the transaction was read again from its marker").isEqualTo(MARKED_ROWS);
    }

    @Test
    void aStopInsideAMarkedTransactionNeverLetsItsRestThrough() throws Exception {
        db.execute("CREATE TABLE stop_items (id int PRIMARY KEY)");
        CaptureOptions options = options("halt", "stop_items").snapshotMode(SnapshotMode.NO_DATA).suppressEchoes()
                .maxBatchSize(SMALL_BATCH).build();
        AtomicReference<MariaDbCaptureSource> current = new AtomicReference<>();
        PipelineListener stopAtFirstEcho = new PipelineListener() {
            @Override
            public void onSkipped(String binding, ChangeEvent event, String reason) {
                current.get().stop();
            }
        };
        RecordingHandler stopped = new RecordingHandler();
        MariaDbCaptureSource first = start(options, stopped, stopAtFirstEcho);
        current.set(first);
        awaitStreaming(first);

        inTransaction(markedInserts("halt", "stop_items"));

        assertThat(first.awaitStop(DELIVERY_TIMEOUT)).isTrue();
        assertThat(first.failure()).isNull();
        assertThat(first.echoesSkipped()).as("stopped after the first batch of the transaction").isPositive().isLessThan(MARKED_ROWS);
        db.execute("INSERT INTO stop_items VALUES (" + APPLICATION_ROW + ")");

        RecordingHandler restarted = new RecordingHandler();
        MariaDbCaptureSource second = start(options, restarted);
        awaitEvents(restarted, events -> ids(events).contains(APPLICATION_ROW));

        assertThat(stopped.events()).isEmpty();
        assertThat(ids(restarted.events())).as("nothing of the marked transaction").containsExactly(APPLICATION_ROW);
        assertThat(second.echoesSkipped()).as("the transaction was read again from its marker").isEqualTo(MARKED_ROWS);
    }

    /** The marker of {@code bridge}, then {@link #MARKED_ROWS} inserts into {@code table}: one applied transaction. */
    private static String[] markedInserts(String bridge, String table) {
        List<String> statements = new ArrayList<>();
        statements.add(mark(bridge));
        IntStream.rangeClosed(1, MARKED_ROWS).forEach(id -> statements.add("INSERT INTO " + table + " VALUES (" + id + ")"));
        return statements.toArray(String[]::new);
    }

    private static List<Object> ids(List<ChangeEvent> events) {
        return events.stream().map(e -> e.key().get("id")).toList();
    }

    /** What an applier's marker does in the marker table the capture created: one row per bridge, upserted first in its transaction. */
    private static String mark(String bridge) {
        return "INSERT INTO cutover_apply_marker (bridge, batch, applied_at) VALUES ('" + bridge + "', 1, UTC_TIMESTAMP(6))"
                + " ON DUPLICATE KEY UPDATE batch = batch + 1, applied_at = VALUES(applied_at)";
    }
}
