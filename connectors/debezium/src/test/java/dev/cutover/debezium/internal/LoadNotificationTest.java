package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.pipeline.notification.SnapshotStatus;
import io.debezium.schema.SchemaFactory;
import io.debezium.schema.SchemaNameAdjuster;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class LoadNotificationTest {

    private static final Schema VALUE = SchemaFactory.get().notificationValueSchema(SchemaNameAdjuster.NO_OP);

    private static Struct value(String aggregate, String type, Map<String, String> data) {
        return new Struct(VALUE).put("id", "n").put("type", type).put("aggregate_type", aggregate).put("additional_data", data)
                .put("timestamp", 1L);
    }

    @Test
    void tableScanCarriesTableOutcomeAndRows() {
        LoadNotification n = LoadNotification.of(value("Incremental Snapshot", "TABLE_SCAN_COMPLETED",
                Map.of("scanned_collection", "public.orders", "status", "EMPTY", "total_rows_scanned", "0"))).orElseThrow();

        assertThat(n.status()).isEqualTo(SnapshotStatus.TABLE_SCAN_COMPLETED);
        assertThat(n.scannedTable()).isEqualTo("public.orders");
        assertThat(n.rowsScanned()).isEqualTo("0");
        assertThat(n.scanComplete()).isTrue();
    }

    @Test
    void scanDebeziumGaveUpOnIsNotComplete() {
        assertThat(LoadNotification.of(value("Incremental Snapshot", "TABLE_SCAN_COMPLETED", Map.of("status", "UNKNOWN_SCHEMA")))
                .orElseThrow().scanComplete()).isFalse();
    }

    @Test
    void notificationsAboutOtherThingsAreNotLoads() {
        assertThat(LoadNotification.of(value("Initial Snapshot", "SKIPPED", Map.of()))).isEmpty();
        assertThat(LoadNotification.of(value("Incremental Snapshot", "SOMETHING_NEW", Map.of()))).isEmpty();
    }
}
