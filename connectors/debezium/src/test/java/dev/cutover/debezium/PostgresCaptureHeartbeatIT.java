package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.pipeline.spi.PipelineListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An idle capture must keep confirming positions, or its slot pins all WAL written by other tables. */
class PostgresCaptureHeartbeatIT extends CaptureITSupport {

    @BeforeAll
    static void createTables() throws Exception {
        db.execute("CREATE TABLE captured (id int PRIMARY KEY)", "CREATE TABLE other (id serial PRIMARY KEY, payload text)");
    }

    @Test
    void idleCaptureKeepsAdvancingItsSlotWhileOtherTablesAreWritten() throws Exception {
        List<String> heartbeats = new CopyOnWriteArrayList<>();
        CaptureOptions options = options("idle", "captured").snapshotMode(SnapshotMode.NO_DATA)
                .heartbeatInterval(Duration.ofMillis(200)).build();
        RecordingHandler handler = new RecordingHandler();
        PostgresCaptureSource source = start(options, handler, new PipelineListener() {
            @Override
            public void onHeartbeat(String system) {
                heartbeats.add(system);
            }
        });
        awaitStreaming(source);
        db.execute("INSERT INTO captured VALUES (1)");
        awaitEventCount(handler, 1);

        for (int i = 0; i < 20; i++) {
            db.execute("INSERT INTO other (payload) VALUES (repeat('x', 1000))");
        }
        Lsn written = Lsn.parse(queryString("SELECT pg_current_wal_lsn()::text"));

        await().atMost(DELIVERY_TIMEOUT).untilAsserted(() -> assertThat(slot(options).orElseThrow().confirmedFlushLsn())
                .as("confirmed_flush_lsn of the idle capture's slot").isGreaterThanOrEqualTo(written));
        assertThat(handler.events()).as("only the captured table's change was delivered").hasSize(1);
        assertThat(heartbeats).isNotEmpty().containsOnly("legacy");
        assertThat(queryString("SELECT count(*) FROM cutover_heartbeat WHERE slot_name = '" + options.slotName()
                + "' AND beat_at > now() - interval '1 minute'")).isEqualTo("1");
    }
}
