package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.debezium.CaptureOptions;
import dev.cutover.debezium.SnapshotMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DebeziumPropertiesTest {

    private static final TableId ORDERS = new TableId("public", "orders");
    private static final TableId LINES = new TableId("sales", "order-lines");

    private final CaptureOptions options = CaptureOptions.builder("shop-sync", SystemSide.LEGACY).pollInterval(Duration.ofMillis(50)).maxBatchSize(2048).heartbeatInterval(Duration.ofSeconds(10))
            .database("jdbc:postgresql://db.example:6543/legacy", "capture", "s3cret")
            .table(ORDERS, "id")
            .table(LINES, "order_id", "line_no")
            .offsetFile(Path.of("/var/lib/cutover/legacy.offsets"))
            .pollInterval(Duration.ofMillis(75))
            .maxBatchSize(500)
            .heartbeatInterval(Duration.ofSeconds(5))
            .snapshotMode(SnapshotMode.NO_DATA)
            .offsetFlushInterval(Duration.ofMillis(250))
            .maxRetries(3)
            .build();

    private final HeartbeatTable heartbeat = new HeartbeatTable(options.heartbeatTable(), options.slotName());
    private final SignalTable signal = new SignalTable(options.signalTable());

    @Test
    void connectionComesFromTheJdbcUrlAndThePasswordOnlyAsAToken() {
        Properties p = DebeziumProperties.of(options, heartbeat, signal, "token-1");

        assertThat(p.getProperty("database.hostname")).isEqualTo("db.example");
        assertThat(p.getProperty("database.port")).isEqualTo("6543");
        assertThat(p.getProperty("database.dbname")).isEqualTo("legacy");
        assertThat(p.getProperty("database.user")).isEqualTo("capture");
        assertThat(p).doesNotContainKey("database.password");
        assertThat(p.values()).doesNotContain("s3cret");
        assertThat(p.getProperty("database.authenticationPluginClassName")).isEqualTo(PasswordPlugin.class.getName());
        assertThat(p.getProperty("database.cutoverPasswordToken")).isEqualTo("token-1");
    }

    @Test
    void withoutPasswordNoPluginIsConfigured() {
        Properties p = DebeziumProperties.of(options, heartbeat, signal, null);

        assertThat(p).doesNotContainKeys("database.password", "database.authenticationPluginClassName", "database.cutoverPasswordToken");
    }

    @Test
    void captureUsesPgoutputWithAFilteredPublicationAndTheDerivedNames() {
        Properties p = DebeziumProperties.of(options, heartbeat, signal, null);

        assertThat(p.getProperty("plugin.name")).isEqualTo("pgoutput");
        assertThat(p.getProperty("publication.autocreate.mode")).isEqualTo("filtered");
        assertThat(p.getProperty("slot.name")).isEqualTo("cutover_shop_sync_legacy");
        assertThat(p.getProperty("publication.name")).isEqualTo("cutover_shop_sync_legacy");
        assertThat(p.getProperty("name")).isEqualTo("cutover-shop-sync-legacy");
        assertThat(p.getProperty("topic.prefix")).isEqualTo("cutover-shop-sync-legacy");
    }

    @Test
    void existingRowsComeFromIncrementalSnapshotsSignalledThroughTheSignalTableInEveryMode() {
        CaptureOptions initial = CaptureOptions.builder("shop-sync", SystemSide.LEGACY).pollInterval(Duration.ofMillis(50)).maxBatchSize(2048).heartbeatInterval(Duration.ofSeconds(10))
                .database("jdbc:postgresql://db.example/legacy", "capture", null)
                .table(ORDERS, "id")
                .offsetFile(Path.of("legacy.offsets"))
                .snapshotChunkSize(300)
                .build();

        for (CaptureOptions o : new CaptureOptions[] {initial, options}) {
            Properties p = DebeziumProperties.of(o, heartbeat, new SignalTable(o.signalTable()), null);
            assertThat(p.getProperty("snapshot.mode")).as("never Debezium's blocking snapshot").isEqualTo("no_data");
            assertThat(p.getProperty("signal.enabled.channels")).isEqualTo("source");
            assertThat(p.getProperty("signal.data.collection")).isEqualTo("public.cutover_signal_shop_sync_legacy");
            assertThat(p.getProperty("notification.enabled.channels")).isEqualTo("sink");
            assertThat(p.getProperty("notification.sink.topic.name")).isNotBlank();
        }
        assertThat(DebeziumProperties.of(initial, heartbeat, signal, null).getProperty("incremental.snapshot.chunk.size")).isEqualTo("300");
    }

    @Test
    void eventsAreExactWithoutSeparateTransactionRecords() {
        Properties p = DebeziumProperties.of(options, heartbeat, signal, null);

        assertThat(p.getProperty("provide.transaction.metadata")).isEqualTo("false");
        assertThat(p.getProperty("decimal.handling.mode")).isEqualTo("precise");
        assertThat(p.getProperty("time.precision.mode")).isEqualTo("microseconds");
        assertThat(p.getProperty("tombstones.on.delete")).isEqualTo("false");
    }

    @Test
    void pacingAndOffsetsFollowTheOptions() {
        Properties p = DebeziumProperties.of(options, heartbeat, signal, null);

        assertThat(p.getProperty("offset.storage")).isEqualTo("org.apache.kafka.connect.storage.FileOffsetBackingStore");
        assertThat(p.getProperty("offset.storage.file.filename")).isEqualTo(Path.of("/var/lib/cutover/legacy.offsets").toString());
        assertThat(p.getProperty("offset.flush.interval.ms")).isEqualTo("250");
        assertThat(p.getProperty("poll.interval.ms")).isEqualTo("75");
        assertThat(p.getProperty("max.batch.size")).isEqualTo("500");
        assertThat(Integer.parseInt(p.getProperty("max.queue.size"))).isGreaterThan(500);
        assertThat(p.getProperty("errors.max.retries")).isEqualTo("3");
        assertThat(p.getProperty("heartbeat.interval.ms")).isEqualTo("5000");
    }

    @Test
    void heartbeatUpsertsTheSlotsRowInTheHeartbeatTable() {
        Properties p = DebeziumProperties.of(options, heartbeat, signal, null);

        assertThat(p.getProperty("heartbeat.action.query"))
                .isEqualTo("INSERT INTO \"public\".\"cutover_heartbeat\" (slot_name, beat_at) VALUES ('cutover_shop_sync_legacy', now())"
                        + " ON CONFLICT (slot_name) DO UPDATE SET beat_at = EXCLUDED.beat_at");
    }

    @Test
    void includeListMatchesExactlyTheCapturedTablesTheHeartbeatTableAndTheSignalTable() {
        String[] patterns = DebeziumProperties.of(options, heartbeat, signal, null).getProperty("table.include.list").split(",");

        assertThat(patterns).hasSize(4);
        assertThat(Pattern.matches(patterns[0], "public.orders")).isTrue();
        assertThat(Pattern.matches(patterns[0], "publicXorders")).isFalse();
        assertThat(Pattern.matches(patterns[1], "sales.order-lines")).isTrue();
        assertThat(Pattern.matches(patterns[2], "public.cutover_heartbeat")).isTrue();
        assertThat(Pattern.matches(patterns[3], "public.cutover_signal_shop_sync_legacy")).isTrue();
    }

    @Test
    void onlyACaptureSkippingOriginTaggedChangesAsksPgoutputForOriginNone() {
        CaptureOptions skipping = CaptureOptions.builder("shop-sync", SystemSide.NEW).pollInterval(Duration.ofMillis(50)).maxBatchSize(2048)
                .heartbeatInterval(Duration.ofSeconds(10))
                .database("jdbc:postgresql://db.example:6543/rewrite", "capture", null)
                .table(ORDERS, "id")
                .offsetFile(Path.of("/var/lib/cutover/new.offsets"))
                .suppressEchoes()
                .skipOriginTagged()
                .build();

        assertThat(DebeziumProperties.of(skipping, heartbeat, signal, null).getProperty("slot.stream.params")).isEqualTo("origin=none");
        assertThat(DebeziumProperties.of(options, heartbeat, signal, null)).doesNotContainKey("slot.stream.params");
    }

    @Test
    void includeListAddsTheEchoMarkerTableOnlyWhenEchoesAreSuppressed() {
        CaptureOptions suppressing = CaptureOptions.builder("shop-sync", SystemSide.LEGACY).pollInterval(Duration.ofMillis(50)).maxBatchSize(2048).heartbeatInterval(Duration.ofSeconds(10))
                .database("jdbc:postgresql://db.example:6543/legacy", "capture", null)
                .table(ORDERS, "id")
                .offsetFile(Path.of("/var/lib/cutover/legacy.offsets"))
                .suppressEchoes()
                .build();
        String[] patterns = DebeziumProperties.of(suppressing, heartbeat, signal, null).getProperty("table.include.list").split(",");

        assertThat(patterns).hasSize(4);
        assertThat(Pattern.matches(patterns[3], "public.cutover_apply_marker")).isTrue();
        assertThat(DebeziumProperties.of(options, heartbeat, signal, null).getProperty("table.include.list"))
                .doesNotContain("cutover_apply_marker");
    }

    @Test
    void messageKeysAreTheConfiguredKeyColumnsInOrder() {
        assertThat(DebeziumProperties.of(options, heartbeat, signal, null).getProperty("message.key.columns"))
                .isEqualTo("public\\.orders:id;sales\\.order\\-lines:order_id,line_no");
    }
}
