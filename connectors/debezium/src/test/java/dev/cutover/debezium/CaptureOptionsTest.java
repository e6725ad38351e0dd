package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureOptionsTest {

    private static final TableId ORDERS = new TableId("public", "orders");

    private static CaptureOptions.Builder valid() {
        return CaptureOptions.builder("shop-sync", SystemSide.NEW).pollInterval(Duration.ofMillis(50)).maxBatchSize(2048).heartbeatInterval(Duration.ofSeconds(10))
                .database("jdbc:postgresql://127.0.0.1:5432/app", "capture", "s3cret")
                .table(ORDERS, "id")
                .offsetFile(Path.of("data/new.offsets"));
    }

    @Test
    void defaultsApplyAndNamesDeriveFromBridgeAndSide() {
        CaptureOptions o = valid().build();

        assertThat(o.slotName()).isEqualTo("cutover_shop_sync_new");
        assertThat(o.publicationName()).isEqualTo("cutover_shop_sync_new");
        assertThat(o.snapshotMode()).isEqualTo(SnapshotMode.INITIAL);
        assertThat(o.snapshotChunkSize()).isEqualTo(CaptureOptions.DEFAULT_SNAPSHOT_CHUNK_SIZE);
        assertThat(o.heartbeatTable()).isEqualTo(new TableId("public", "cutover_heartbeat"));
        assertThat(o.signalTable()).isEqualTo(new TableId("public", "cutover_signal_shop_sync_new"));
        assertThat(o.captureName()).isEqualTo("shop-sync/new");
        assertThat(o.suppressesEchoes()).isFalse();
        assertThat(o.echoMarkerTable()).isNull();
    }

    @Test
    void echoSuppressionUsesTheAppliersDefaultMarkerTableUnlessToldOtherwise() {
        assertThat(valid().suppressEchoes().build().echoMarkerTable()).isEqualTo(new TableId("public", "cutover_apply_marker"));
        CaptureOptions own = valid().suppressEchoes(new TableId("ops", "marks")).build();

        assertThat(own.suppressesEchoes()).isTrue();
        assertThat(own.echoMarkerTable()).isEqualTo(new TableId("ops", "marks"));
        assertThat(own.toString()).contains("echoMarkerTable=ops.marks");
    }

    @Test
    void refusesAnEchoMarkerTableThatIsCapturedOrAnotherHelperTable() {
        assertThatThrownBy(() -> valid().suppressEchoes(ORDERS).build())
                .hasMessageContaining("echoMarkerTable: 'public.orders' is a captured table");
        assertThatThrownBy(() -> valid().suppressEchoes(CaptureOptions.DEFAULT_HEARTBEAT_TABLE).build())
                .hasMessageContaining("echoMarkerTable: 'public.cutover_heartbeat' is the heartbeat table");
        assertThatThrownBy(() -> valid().suppressEchoes(CaptureOptions.defaultSignalTable("shop-sync", SystemSide.NEW)).build())
                .hasMessageContaining("is the signal table");
        assertThatThrownBy(() -> valid().suppressEchoes(new TableId("", "marks")).build())
                .hasMessageContaining("echoMarkerTable: 'marks' needs a schema");
    }

    @Test
    void explicitSlotAndPublicationNamesWin() {
        CaptureOptions o = valid().slotName("my_slot").publicationName("my_pub").build();

        assertThat(o.slotName()).isEqualTo("my_slot");
        assertThat(o.publicationName()).isEqualTo("my_pub");
    }

    @Test
    void toStringHidesThePassword() {
        assertThat(valid().build().toString()).doesNotContain("s3cret").contains("password=[hidden]");
        assertThat(valid().database("jdbc:postgresql://h/db", "u", null).build().toString()).contains("password=none");
    }

    @Test
    void thePacingTheConfigurationSetsHasNoDefaultHere() {
        assertThatThrownBy(() -> CaptureOptions.builder("shop-sync", SystemSide.NEW)
                .database("jdbc:postgresql://127.0.0.1:5432/app", "capture", null)
                .table(ORDERS, "id")
                .offsetFile(Path.of("data/new.offsets"))
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("pollInterval: not set", "heartbeatInterval: not set", "maxBatchSize: 0");
    }

    @Test
    void everyProblemIsReportedTogetherWithItsComponent() {
        assertThatThrownBy(() -> CaptureOptions.builder("Shop Sync", SystemSide.LEGACY).pollInterval(Duration.ofMillis(50)).maxBatchSize(2048).heartbeatInterval(Duration.ofSeconds(10))
                .database("jdbc:mysql://h/db", " ", null)
                .slotName("Bad-Slot")
                .pollInterval(Duration.ZERO)
                .maxBatchSize(0)
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("bridge: 'Shop Sync'", "slotName: 'Bad-Slot'", "jdbcUrl:", "user: missing",
                        "tables: at least one", "offsetFile: missing", "pollInterval: PT0S", "maxBatchSize: 0");
    }

    @Test
    void refusesTheHeartbeatTableAndDuplicatesAmongCapturedTables() {
        assertThatThrownBy(() -> valid().table(ORDERS, "id").table(CaptureOptions.DEFAULT_HEARTBEAT_TABLE, "slot_name").build())
                .hasMessageContainingAll("tables[1]: table public.orders is captured twice",
                        "tables[2]: table public.cutover_heartbeat is the heartbeat table");
    }

    @Test
    void derivedSignalTableOfTheLongestBridgeNameFitsPostgresIdentifiers() {
        CaptureOptions o = CaptureOptions.builder("b".repeat(CaptureOptions.MAX_BRIDGE_NAME_LENGTH), SystemSide.LEGACY).pollInterval(Duration.ofMillis(50)).maxBatchSize(2048).heartbeatInterval(Duration.ofSeconds(10))
                .database("jdbc:postgresql://h/db", "u", null).table(ORDERS, "id").offsetFile(Path.of("o")).build();

        assertThat(o.signalTable().table()).hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void refusesASignalTableThatIsCapturedIsTheHeartbeatTableOrNeedsQuoting() {
        assertThatThrownBy(() -> valid().signalTable(ORDERS).build())
                .hasMessageContaining("tables[0]: table public.orders is the signal table and cannot be captured");
        assertThatThrownBy(() -> valid().signalTable(CaptureOptions.DEFAULT_HEARTBEAT_TABLE).build())
                .hasMessageContaining("signalTable: 'public.cutover_heartbeat' is the heartbeat table");
        assertThatThrownBy(() -> valid().signalTable(new TableId("public", "Signals")).build())
                .hasMessageContaining("signalTable: 'public.Signals' is not a signal table name");
    }

    @Test
    void refusesChunksWithoutRows() {
        assertThatThrownBy(() -> valid().snapshotChunkSize(0).build()).hasMessageContaining("snapshotChunkSize: 0 (expected at least 1)");
    }

    @Test
    void refusesTableNamesAnIncrementalSnapshotCannotNameOnlyWhenExistingRowsAreLoaded() {
        TableId dotted = new TableId("public", "a.b");

        assertThatThrownBy(() -> valid().table(dotted, "id").build())
                .hasMessageContaining("tables[1]: table name public.a.b contains '.' or '\"'");
        assertThat(valid().table(dotted, "id").snapshotMode(SnapshotMode.NO_DATA).build().tables()).hasSize(2);
    }

    @Test
    void refusesNamesDebeziumCannotList() {
        assertThatThrownBy(() -> valid().table(new TableId("public", "a,b"), "id").table(new TableId("public", "c"), "x:y").build())
                .hasMessageContainingAll("tables[1]: table name public.a,b", "tables[2]: key column 'x:y'");
    }

    @Test
    void refusesBridgeNamesTooLongForDerivedSlotNames() {
        assertThatThrownBy(() -> CaptureOptions.builder("b".repeat(41), SystemSide.LEGACY).pollInterval(Duration.ofMillis(50)).maxBatchSize(2048).heartbeatInterval(Duration.ofSeconds(10))
                .database("jdbc:postgresql://h/db", "u", null).table(ORDERS, "id").offsetFile(Path.of("o")).build())
                .hasMessageContaining("at most 40 characters");
    }

    @Test
    void capturedTableNeedsDistinctKeyColumns() {
        assertThatThrownBy(() -> new CapturedTable(ORDERS, List.of())).hasMessageContaining("at least one key column");
        assertThatThrownBy(() -> CapturedTable.of(ORDERS, "id", "id")).hasMessageContaining("names key column 'id' twice");
    }
}
