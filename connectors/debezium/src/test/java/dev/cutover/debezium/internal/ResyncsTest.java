package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.TableId;
import dev.cutover.debezium.ResyncProgress;
import dev.cutover.debezium.ResyncProgress.State;
import io.debezium.pipeline.notification.SnapshotStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResyncsTest {

    private static final TableId ORDERS = new TableId("public", "orders");
    private static final TableId ITEMS = new TableId("public", "items");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final Resyncs resyncs = new Resyncs(Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void progressFollowsStartChunksRowsAndTheTableScan() {
        resyncs.add("r1", ORDERS, "id < 10");

        resyncs.onNotification(notification(SnapshotStatus.STARTED, Map.of("data_collections", "public.orders")));
        resyncs.onNotification(notification(SnapshotStatus.IN_PROGRESS, Map.of("current_collection_in_progress", "public.orders")));
        resyncs.onRead(ORDERS, 4);
        resyncs.onRead(ITEMS, 7);
        resyncs.onNotification(notification(SnapshotStatus.IN_PROGRESS, Map.of("current_collection_in_progress", "public.orders")));
        resyncs.onRead(ORDERS, 3);
        boolean claimed = resyncs.onNotification(notification(SnapshotStatus.TABLE_SCAN_COMPLETED,
                Map.of("scanned_collection", "public.orders", "total_rows_scanned", "7", "status", "SUCCEEDED")));

        assertThat(claimed).isTrue();
        assertThat(resyncs.get("r1")).get().isEqualTo(new ResyncProgress("r1", ORDERS, "id < 10", State.FINISHED, 7, 2, T0, T0, T0,
                "Debezium read 7 rows"));
    }

    @Test
    void aBulkCopyCountsItsChunksAndEndsAsItsCallerSaysOnce() {
        resyncs.add("r1", ORDERS, null);

        resyncs.onChunkCopied("r1", 1_000);
        resyncs.onChunkCopied("r1", 250);
        resyncs.ended("r1", State.FINISHED, "copied 1250 rows in bulk");
        resyncs.ended("r1", State.FAILED, "too late");
        resyncs.onChunkCopied("r1", 5);

        assertThat(resyncs.get("r1")).get().isEqualTo(new ResyncProgress("r1", ORDERS, null, State.FINISHED, 1_250, 2, T0, T0, T0,
                "copied 1250 rows in bulk"));
        assertThatCode(() -> resyncs.add("r0", ORDERS, null)).as("done: the table can be resynced again").doesNotThrowAnyException();
    }

    @Test
    void aFailedScanFailsTheResyncAndIsClaimedSoTheCaptureGoesOn() {
        resyncs.add("r1", ORDERS, "bad");

        boolean claimed = resyncs.onNotification(notification(SnapshotStatus.TABLE_SCAN_COMPLETED,
                Map.of("scanned_collection", "public.orders", "total_rows_scanned", "0", "status", "SQL_EXCEPTION")));

        assertThat(claimed).isTrue();
        assertThat(resyncs.get("r1").orElseThrow().state()).isEqualTo(State.FAILED);
        assertThat(resyncs.get("r1").orElseThrow().message()).contains("SQL_EXCEPTION");
    }

    @Test
    void aScanOfATableWithoutResyncIsNotClaimed() {
        resyncs.add("r1", ORDERS, null);

        assertThat(resyncs.onNotification(notification(SnapshotStatus.TABLE_SCAN_COMPLETED,
                Map.of("scanned_collection", "public.items", "status", "SUCCEEDED")))).isFalse();
        assertThat(resyncs.get("r1").orElseThrow().state()).isEqualTo(State.REQUESTED);
    }

    @Test
    void anAbortEndsTheNamedResyncs() {
        resyncs.add("r1", ORDERS, null);
        resyncs.add("r2", ITEMS, null);

        resyncs.onNotification(notification(SnapshotStatus.ABORTED, Map.of("data_collections", "public.items")));

        assertThat(resyncs.list()).extracting(ResyncProgress::state).containsExactly(State.REQUESTED, State.ABORTED);
    }

    @Test
    void aSecondResyncOfATableIsRefusedUntilTheFirstIsDone() {
        resyncs.add("r1", ORDERS, null);

        assertThatThrownBy(() -> resyncs.add("r2", ORDERS, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("resync r1 of table public.orders is still REQUESTED");
        resyncs.onNotification(notification(SnapshotStatus.TABLE_SCAN_COMPLETED,
                Map.of("scanned_collection", "public.orders", "status", "EMPTY", "total_rows_scanned", "0")));
        assertThat(resyncs.add("r2", ORDERS, null).state()).isEqualTo(State.REQUESTED);
    }

    @Test
    void aTableIsNotResyncedWhileItsFirstLoadRunsAndThatLoadsScanIsNotClaimed() {
        resyncs.loadRequested(java.util.List.of(ORDERS));

        assertThatThrownBy(() -> resyncs.add("r1", ORDERS, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still being loaded for the first time");
        assertThat(resyncs.onNotification(notification(SnapshotStatus.TABLE_SCAN_COMPLETED,
                Map.of("scanned_collection", "public.orders", "status", "SUCCEEDED", "total_rows_scanned", "9")))).isFalse();
        assertThat(resyncs.loading()).isEmpty();
        assertThat(resyncs.add("r1", ORDERS, null).state()).isEqualTo(State.REQUESTED);
    }

    private static LoadNotification notification(SnapshotStatus status, Map<String, String> data) {
        return new LoadNotification(status, data);
    }
}
