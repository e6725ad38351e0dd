package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Echo suppression on PostgreSQL ({@link CaptureEchoScenarios}), with the slot's confirmed flush
 * position checked past the echoes, and marked transactions delivered when suppression is off.
 */
class PostgresCaptureEchoIT extends CaptureITSupport implements CaptureEchoScenarios<PostgresCaptureSource> {

    @Override
    public String currentPosition() throws SQLException {
        return queryString("SELECT pg_current_wal_lsn()::text");
    }

    @Override
    public void assertCommittedUpTo(CaptureOptions options, String position) {
        await().atMost(DELIVERY_TIMEOUT).untilAsserted(() -> assertThat(slot(options).orElseThrow().confirmedFlushLsn())
                .as("the echoes are committed with their batches").isGreaterThanOrEqualTo(Lsn.parse(position)));
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

    @Override
    public String mark(String bridge) {
        return mark("cutover_apply_marker", bridge);
    }

    /** What the JDBC applier's marker does, in {@code table}. */
    private static String mark(String table, String bridge) {
        return "INSERT INTO " + table + " AS m (bridge, batch, applied_at) VALUES ('" + bridge + "', 1, now())"
                + " ON CONFLICT (bridge) DO UPDATE SET batch = m.batch + 1, applied_at = EXCLUDED.applied_at";
    }
}
