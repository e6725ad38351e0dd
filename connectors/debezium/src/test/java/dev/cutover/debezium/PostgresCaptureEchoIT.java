package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.pipeline.spi.PipelineListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Echo suppression: transactions an applier of this bridge marked never come out of the capture. */
class PostgresCaptureEchoIT extends CaptureITSupport {

    @BeforeAll
    static void createTables() {
        db.execute("CREATE TABLE items (id int PRIMARY KEY, name text)");
    }

    @Test
    void transactionsMarkedByThisBridgeAreDroppedAndEverythingElseIsDelivered() throws Exception {
        List<String> skipped = new CopyOnWriteArrayList<>();
        PipelineListener listener = new PipelineListener() {
            @Override
            public void onSkipped(String binding, ChangeEvent event, String reason) {
                skipped.add(binding + " " + event.operation() + " " + event.key().get("id") + " " + reason);
            }
        };
        RecordingHandler handler = new RecordingHandler();
        CaptureOptions options = options("shop", "items").snapshotMode(SnapshotMode.NO_DATA).suppressEchoes().build();
        PostgresCaptureSource source = start(options, handler, listener);
        awaitStreaming(source);

        inTransaction(mark("shop"), "INSERT INTO items VALUES (1, 'applied')", "UPDATE items SET name = 'applied twice' WHERE id = 1");
        db.execute("INSERT INTO items VALUES (2, 'written by the application right after')");
        inTransaction(mark("other"), "INSERT INTO items VALUES (3, 'applied by another bridge')");
        inTransaction(mark("shop"), "DELETE FROM items WHERE id = 2");
        String afterEchoes = queryString("SELECT pg_current_wal_lsn()::text");
        db.execute("UPDATE items SET name = 'application again' WHERE id = 1");

        awaitEvents(handler, events -> events.size() >= 3);
        assertThat(handler.events()).extracting(e -> e.operation(), e -> e.key().get("id")).containsExactly(
                tuple(Operation.CREATE, 2), tuple(Operation.CREATE, 3), tuple(Operation.UPDATE, 1));
        assertThat(skipped).containsExactly("public.items CREATE 1 echo", "public.items UPDATE 1 echo", "public.items DELETE 2 echo");
        assertThat(source.echoesSkipped()).isEqualTo(3);
        await().atMost(DELIVERY_TIMEOUT).untilAsserted(() -> assertThat(slot(options).orElseThrow().confirmedFlushLsn())
                .as("the echoes are committed with their batches").isGreaterThanOrEqualTo(Lsn.parse(afterEchoes)));
    }

    @Test
    void withoutSuppressionMarkedTransactionsAreDelivered() throws Exception {
        db.execute("CREATE TABLE plain_marker"
                + " (bridge text PRIMARY KEY, batch bigint NOT NULL, applied_at timestamptz NOT NULL)",
                "CREATE TABLE plain_items (id int PRIMARY KEY, name text)");
        RecordingHandler handler = new RecordingHandler();
        PostgresCaptureSource source = start(options("plain", "plain_items").snapshotMode(SnapshotMode.NO_DATA).build(), handler);
        awaitStreaming(source);

        inTransaction(mark("plain_marker", "plain"), "INSERT INTO plain_items VALUES (1, 'applied')");

        awaitEventCount(handler, 1);
        assertThat(handler.events()).extracting(e -> e.table().table()).containsExactly("plain_items");
        assertThat(source.echoesSkipped()).isZero();
    }

    private static String mark(String bridge) {
        return mark("cutover_apply_marker", bridge);
    }

    /** What the JDBC applier's marker does, in {@code table}, which the capture created when it suppresses echoes. */
    private static String mark(String table, String bridge) {
        return "INSERT INTO " + table + " AS m (bridge, batch, applied_at) VALUES ('" + bridge + "', 1, now())"
                + " ON CONFLICT (bridge) DO UPDATE SET batch = m.batch + 1, applied_at = EXCLUDED.applied_at";
    }
}
