package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.debezium.CaptureOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MariaDbPropertiesTest {

    private final CaptureOptions options = CaptureOptions.builder("shop-sync", SystemSide.LEGACY).pollInterval(Duration.ofMillis(50)).maxBatchSize(2048).heartbeatInterval(Duration.ofSeconds(10))
            .database("jdbc:mariadb://db.example:3307/shop", "capture", "s3cret")
            .table(new TableId("shop", "orders"), "id")
            .table(new TableId("sales", "lines"), "order_id", "line_no")
            .offsetFile(Path.of("/var/lib/cutover/legacy.offsets"))
            .heartbeatInterval(Duration.ofSeconds(4))
            .suppressEchoes()
            .build();
    private final Properties p = DebeziumProperties.of(options, new HeartbeatTable(options.heartbeatTable(), options.slotName(),
            OwnTableSql.MARIADB), new SignalTable(options.signalTable(), OwnTableSql.MARIADB), null);

    @Test
    void theMariaDbConnectorReadsTheServerOfTheUrlUnderAStableReplicaId() {
        assertThat(p.getProperty("connector.class")).isEqualTo("io.debezium.connector.mariadb.MariaDbConnector");
        assertThat(p.getProperty("database.hostname")).isEqualTo("db.example");
        assertThat(p.getProperty("database.port")).isEqualTo("3307");
        assertThat(p.getProperty("database.user")).isEqualTo("capture");
        long id = Long.parseLong(p.getProperty("database.server.id"));
        assertThat(id).isBetween(0x4000_0000L, 0x7FFF_FFFFL).isEqualTo(DebeziumProperties.binlogClientId(options));
        CaptureOptions newSide = CaptureOptions.builder("shop-sync", SystemSide.NEW).pollInterval(Duration.ofMillis(50)).maxBatchSize(2048).heartbeatInterval(Duration.ofSeconds(10)).database(options.jdbcUrl(), "capture", null)
                .tables(options.tables()).offsetFile(Path.of("n.offsets")).build();
        assertThat(DebeziumProperties.binlogClientId(newSide)).as("another capture, another id").isNotEqualTo(id);
        assertThat(p.getProperty("connect.keep.alive.interval.ms")).isEqualTo("5000");
    }

    @Test
    void schemaHistoryLivesInAFileNextToTheOffsetsAndOnlyCapturedDatabasesAreRead() {
        assertThat(p.getProperty("schema.history.internal")).isEqualTo("io.debezium.storage.file.history.FileSchemaHistory");
        assertThat(p.getProperty("schema.history.internal.file.filename")).isEqualTo("/var/lib/cutover/legacy.offsets.history");
        assertThat(p.getProperty("database.include.list")).isEqualTo("shop,sales");
        assertThat(p.getProperty("table.include.list")).isEqualTo(
                "shop\\.orders,sales\\.lines,shop\\.cutover_heartbeat,shop\\.cutover_signal_shop_sync_legacy,shop\\.cutover_apply_marker");
        assertThat(p.getProperty("signal.data.collection")).isEqualTo("shop.cutover_signal_shop_sync_legacy");
        assertThat(p.getProperty("snapshot.mode")).isEqualTo("no_data");
        assertThat(p.getProperty("snapshot.locking.mode")).as("no global read lock on the server").isEqualTo("none");
    }

    @Test
    void valuesComeInTheirCanonicalShapes() {
        assertThat(p.getProperty("decimal.handling.mode")).isEqualTo("precise");
        assertThat(p.getProperty("bigint.unsigned.handling.mode")).isEqualTo("precise");
        assertThat(p.getProperty("time.precision.mode")).isEqualTo("adaptive_time_microseconds");
        assertThat(p.getProperty("boolean.type")).isEqualTo("io.debezium.connector.binlog.converters.TinyIntOneToBooleanConverter");
        assertThat(p.getProperty("binary.handling.mode")).isEqualTo("bytes");
        assertThat(p.getProperty("heartbeat.action.query")).isEqualTo("INSERT INTO `shop`.`cutover_heartbeat` (slot_name, beat_at)"
                + " VALUES ('cutover_shop_sync_legacy', UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE beat_at = VALUES(beat_at)");
    }
}
