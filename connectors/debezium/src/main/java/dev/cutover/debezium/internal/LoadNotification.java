package dev.cutover.debezium.internal;

import io.debezium.pipeline.notification.IncrementalSnapshotNotificationService;
import io.debezium.pipeline.notification.IncrementalSnapshotNotificationService.TableScanCompletionStatus;
import io.debezium.pipeline.notification.Notification;
import io.debezium.pipeline.notification.SnapshotStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Struct;

/**
 * One of Debezium's notifications about an incremental snapshot (what Cutover calls a load of
 * existing rows), read from the value of a notification record. Immutable.
 *
 * @param status what happened, e.g. {@link SnapshotStatus#TABLE_SCAN_COMPLETED}
 * @param data the notification's additional data; never null
 */
public record LoadNotification(SnapshotStatus status, Map<String, String> data) {

    /** The table scan outcomes after which every row of the table has been delivered. */
    private static final List<TableScanCompletionStatus> COMPLETE = List.of(TableScanCompletionStatus.SUCCEEDED,
            TableScanCompletionStatus.EMPTY);

    public LoadNotification {
        data = Map.copyOf(data);
    }

    /**
     * The notification in a notification record's value, or empty when it is not about an
     * incremental snapshot (e.g. the initial snapshot that Cutover never runs) or has a status this
     * version does not know.
     */
    public static Optional<LoadNotification> of(Struct value) {
        if (!IncrementalSnapshotNotificationService.INCREMENTAL_SNAPSHOT.equals(value.getString(Notification.AGGREGATE_TYPE))) {
            return Optional.empty();
        }
        String type = value.getString(Notification.TYPE);
        if (Arrays.stream(SnapshotStatus.values()).noneMatch(s -> s.name().equals(type))) {
            return Optional.empty();
        }
        Map<String, String> data = value.getMap(Notification.ADDITIONAL_DATA);
        return Optional.of(new LoadNotification(SnapshotStatus.valueOf(type), data == null ? Map.of() : data));
    }

    /** The table a {@link SnapshotStatus#TABLE_SCAN_COMPLETED} is about, as {@code schema.table}; null otherwise. */
    public String scannedTable() {
        return data.get(IncrementalSnapshotNotificationService.SCANNED_COLLECTION);
    }

    /** The tables the notification names, as {@code schema.table}, comma-separated; empty when none. */
    public String tables() {
        return data.getOrDefault(IncrementalSnapshotNotificationService.DATA_COLLECTIONS, "");
    }

    /** How many rows the table scan read; null when the notification does not say. */
    public String rowsScanned() {
        return data.get(IncrementalSnapshotNotificationService.TOTAL_ROWS_SCANNED);
    }

    /** The outcome of a table scan, e.g. {@code SUCCEEDED} or {@code SQL_EXCEPTION}; null when not a table scan. */
    public String scanOutcome() {
        return data.get(IncrementalSnapshotNotificationService.STATUS);
    }

    /** True for a table scan after which the table's every row has been delivered. */
    public boolean scanComplete() {
        return COMPLETE.stream().anyMatch(s -> s.name().equals(scanOutcome()));
    }
}
