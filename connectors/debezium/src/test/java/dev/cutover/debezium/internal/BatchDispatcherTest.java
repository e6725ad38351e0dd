package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ChangeBatchHandler;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.debezium.BulkLoader;
import dev.cutover.debezium.CaptureException;
import io.debezium.data.Envelope;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.StopEngineException;
import io.debezium.schema.SchemaFactory;
import io.debezium.schema.SchemaNameAdjuster;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class BatchDispatcherTest {

    private static final TableId ORDERS = new TableId("public", "orders");
    private static final TableId HEARTBEAT = new TableId("public", "cutover_heartbeat");
    private static final TableId SIGNAL = new TableId("public", "cutover_signal_shop_legacy");
    private static final TableId REMOVED = new TableId("public", "removed");
    private static final TableId MARKER = new TableId("public", "cutover_apply_marker");

    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("ts_ms", Schema.INT64_SCHEMA).field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("schema", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA)
            .field("txId", Schema.OPTIONAL_INT64_SCHEMA).field("lsn", Schema.OPTIONAL_INT64_SCHEMA).build();
    private static final Schema ROW = SchemaBuilder.struct().name("t.Value").field("id", Schema.INT64_SCHEMA).build();
    private static final Envelope ENVELOPE = Envelope.defineSchema().withName("t.Envelope").withRecord(ROW).withSource(SOURCE).build();
    private static final Schema SIGNAL_ROW = SchemaBuilder.struct().name("s.Value").field("id", Schema.STRING_SCHEMA)
            .field("type", Schema.STRING_SCHEMA).field("data", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Envelope SIGNAL_ENVELOPE = Envelope.defineSchema().withName("s.Envelope").withRecord(SIGNAL_ROW)
            .withSource(SOURCE).build();
    private static final Schema MARKER_ROW = SchemaBuilder.struct().name("m.Value").field("bridge", Schema.STRING_SCHEMA)
            .field("batch", Schema.INT64_SCHEMA).field("applied_at", Schema.STRING_SCHEMA).build();
    private static final Envelope MARKER_ENVELOPE = Envelope.defineSchema().withName("m.Envelope").withRecord(MARKER_ROW)
            .withSource(SOURCE).build();
    private static final Schema NOTIFICATION_VALUE = SchemaFactory.get().notificationValueSchema(SchemaNameAdjuster.NO_OP);
    private static final Schema HEARTBEAT_VALUE = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
            .field("ts_ms", Schema.INT64_SCHEMA).build();
    private static final Schema TX_VALUE = SchemaBuilder.struct().name("io.debezium.connector.common.TransactionMetadataValue")
            .field("status", Schema.STRING_SCHEMA).build();

    private final List<List<ChangeEvent>> delivered = new ArrayList<>();
    private final List<String> heartbeats = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<CaptureException> failures = new ArrayList<>();
    private final BatchGate gate = new BatchGate();
    private final FakeCommitter committer = new FakeCommitter();

    private BatchDispatcher dispatcher(ChangeBatchHandler handler) {
        return dispatcher(handler, (EchoFilter) null);
    }

    private BatchDispatcher dispatcher(ChangeBatchHandler handler, String echoesOf) {
        return dispatcher(handler, new EchoFilter(echoesOf));
    }

    /** A dispatcher of bridge {@code shop}; with {@code echoes} it also reads the marker table and suppresses echoes. */
    private BatchDispatcher dispatcher(ChangeBatchHandler handler, EchoFilter echoes) {
        SourceRecordConverter converter = new SourceRecordConverter(SystemSide.LEGACY, Map.of(ORDERS, List.of("id")), Map.of(),
                new CanonicalValues(CanonicalValues.DEFAULT_UNAVAILABLE_PLACEHOLDER));
        PipelineListener listener = new PipelineListener() {
            @Override
            public void onHeartbeat(String system) {
                heartbeats.add(system);
            }

        };
        ChangeBatchHandler recordingSkips = new ChangeBatchHandler() {
            @Override
            public void onBatch(List<ChangeEvent> events) throws Exception {
                handler.onBatch(events);
            }

            @Override
            public void onSkipped(ChangeEvent event, String reason) {
                skipped.add(event.table() + " " + event.key().get("id") + " " + reason);
            }
        };
        HeartbeatTable heartbeat = new HeartbeatTable(HEARTBEAT, "slot");
        SignalTable signal = new SignalTable(SIGNAL);
        LoadPlan nothingPending = new LoadPlan(Set.of(ORDERS), List.of(), false);
        InitialLoads loads = new InitialLoads("shop/legacy", nothingPending, LoadLedger.besides(Path.of("never-written.offsets")), signal,
                () -> {
                    throw new SQLException("no load is pending, so no signal is sent");
                }, Set.of(ORDERS), 100, new Resyncs(Clock.systemUTC()), BulkLoader.NONE);
        if (echoes == null) {
            return new BatchDispatcher("shop/legacy", SystemSide.LEGACY, converter, new RecordClassifier(heartbeat, signal, Set.of(ORDERS)),
                    loads, recordingSkips, listener, gate, failures::add);
        }
        RecordClassifier classifier = new RecordClassifier(heartbeat, signal, new EchoMarkerTable(MARKER), Set.of(ORDERS));
        return new BatchDispatcher("shop/legacy", SystemSide.LEGACY, converter, classifier, echoes, loads, recordingSkips,
                listener, gate, failures::add);
    }

    @Test
    void batchGoesToTheHandlerInOneCallAndIsCommittedAfterIt() throws Exception {
        List<RecordChangeEvent<SourceRecord>> batch = List.of(tx("BEGIN"), change(ORDERS, 1), change(ORDERS, 2), tx("END"));
        BatchDispatcher dispatcher = dispatcher(events -> {
            assertThat(committer.processed).isEmpty();
            delivered.add(events);
        });

        dispatcher.handleBatch(batch, committer);

        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0)).extracting(e -> e.after().get("id")).containsExactly(1L, 2L);
        assertThat(committer.processed).containsExactlyElementsOf(batch);
        assertThat(committer.batchesFinished).isEqualTo(1);
    }

    @Test
    void failingHandlerLeavesTheBatchUncommittedAndReportsTheFailure() {
        List<RecordChangeEvent<SourceRecord>> batch = List.of(change(ORDERS, 1), change(ORDERS, 2));
        BatchDispatcher dispatcher = dispatcher(events -> {
            throw new IllegalStateException("broker down");
        });

        assertThatThrownBy(() -> dispatcher.handleBatch(batch, committer))
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("shop/legacy")
                .hasMessageContaining("a batch of 2 changes from lsn:0/1 to lsn:0/2")
                .hasRootCauseMessage("broker down");
        assertThat(committer.processed).isEmpty();
        assertThat(committer.batchesFinished).isZero();
        assertThat(failures).hasSize(1);
    }

    @Test
    void batchWithoutDataSkipsTheHandlerButAdvancesThePositionAndReportsHeartbeats() throws Exception {
        List<RecordChangeEvent<SourceRecord>> batch = List.of(heartbeat(), change(HEARTBEAT, 3), tx("END"));
        AtomicInteger calls = new AtomicInteger();

        dispatcher(events -> calls.incrementAndGet()).handleBatch(batch, committer);

        assertThat(calls).hasValue(0);
        assertThat(committer.processed).containsExactlyElementsOf(batch);
        assertThat(committer.batchesFinished).isEqualTo(1);
        assertThat(heartbeats).containsExactly("legacy");
    }

    @Test
    void aRowOfTheHeartbeatTableIsRememberedButIsNoDebeziumHeartbeat() throws Exception {
        BatchDispatcher dispatcher = dispatcher(events -> { });
        assertThat(dispatcher.lastHeartbeatRow()).isNull();
        Instant before = Instant.now();

        dispatcher.handleBatch(List.of(change(HEARTBEAT, 4)), committer);

        assertThat(dispatcher.lastHeartbeatRow()).as("a beat written on purpose shows the stream is live up to it")
                .isAfterOrEqualTo(before);
        assertThat(heartbeats).isEmpty();
    }

    @Test
    void signalsAndWatermarksNeverReachTheHandlerButAreCommitted() throws Exception {
        List<RecordChangeEvent<SourceRecord>> batch = List.of(signal("cutover-load-1", "execute-snapshot"), change(ORDERS, 1),
                signal("c1-open", "snapshot-window-open"), signal("c1-close", "snapshot-window-close"));

        dispatcher(delivered::add).handleBatch(batch, committer);

        assertThat(delivered).singleElement().satisfies(events -> assertThat(events).extracting(ChangeEvent::table).containsOnly(ORDERS));
        assertThat(committer.processed).containsExactlyElementsOf(batch);
    }

    @Test
    void notificationsNeverReachTheHandlerAndOnesWithoutPositionAreNotCommitted() throws Exception {
        RecordChangeEvent<SourceRecord> skipped = notification(Map.of(), "Initial Snapshot", "SKIPPED", Map.of());
        RecordChangeEvent<SourceRecord> finished = notification(Map.of("lsn", 5L), "Incremental Snapshot", "TABLE_SCAN_COMPLETED",
                Map.of("scanned_collection", "public.orders", "status", "SUCCEEDED", "total_rows_scanned", "2"));
        AtomicInteger calls = new AtomicInteger();

        dispatcher(events -> calls.incrementAndGet()).handleBatch(List.of(skipped, finished), committer);

        assertThat(calls).hasValue(0);
        assertThat(committer.processed).as("an empty source offset would be stored as the position").containsExactly(finished);
        assertThat(committer.batchesFinished).isEqualTo(1);
    }

    @Test
    void loadDebeziumGaveUpOnStopsWithoutCommittingNamingTheTable() {
        List<RecordChangeEvent<SourceRecord>> batch = List.of(change(ORDERS, 1), notification(Map.of("lsn", 5L), "Incremental Snapshot",
                "TABLE_SCAN_COMPLETED", Map.of("scanned_collection", "public.orders", "status", "SQL_EXCEPTION", "total_rows_scanned", "0")));
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> dispatcher(events -> calls.incrementAndGet()).handleBatch(batch, committer))
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("shop/legacy")
                .hasMessageContaining("public.orders")
                .hasMessageContaining("SQL_EXCEPTION");
        assertThat(calls).hasValue(0);
        assertThat(committer.processed).isEmpty();
        assertThat(failures).hasSize(1);
    }

    @Test
    void rowsLoadedFromATableNoLongerCapturedAreDroppedButCommitted() throws Exception {
        List<RecordChangeEvent<SourceRecord>> batch = List.of(read(REMOVED, 1), read(ORDERS, 2));

        dispatcher(delivered::add).handleBatch(batch, committer);

        assertThat(delivered).singleElement().satisfies(events -> assertThat(events).extracting(e -> e.after().get("id")).containsExactly(2L));
        assertThat(committer.processed).containsExactlyElementsOf(batch);
    }

    @Test
    void unconvertibleChangeStopsWithoutCommittingOrCallingTheHandler() {
        AtomicInteger calls = new AtomicInteger();
        List<RecordChangeEvent<SourceRecord>> batch = List.of(change(ORDERS, 1), change(new TableId("public", "other"), 2));

        assertThatThrownBy(() -> dispatcher(events -> calls.incrementAndGet()).handleBatch(batch, committer))
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("public.other");
        assertThat(calls).hasValue(0);
        assertThat(committer.processed).isEmpty();
        assertThat(failures).hasSize(1);
    }

    @Test
    void closedGateRefusesTheBatchWithoutCommitting() {
        gate.closeAndRun(() -> {
        });

        assertThatThrownBy(() -> dispatcher(delivered::add).handleBatch(List.of(change(ORDERS, 1)), committer))
                .isInstanceOf(StopEngineException.class);
        assertThat(delivered).isEmpty();
        assertThat(committer.processed).isEmpty();
        assertThat(failures).isEmpty();
    }

    @Test
    void changesOfATransactionThisBridgeMarkedAreDroppedReportedAndCommitted() throws Exception {
        List<RecordChangeEvent<SourceRecord>> batch = List.of(marker("shop", 10, 1), change(ORDERS, 2, 10), delete(ORDERS, 3, 10),
                change(ORDERS, 4, 11));
        EchoFilter echoes = new EchoFilter("shop");

        dispatcher(delivered::add, echoes).handleBatch(batch, committer);

        assertThat(delivered).singleElement().satisfies(events -> assertThat(events).extracting(e -> e.key().get("id")).containsExactly(4L));
        assertThat(skipped).containsExactly("public.orders 2 echo", "public.orders 3 echo");
        assertThat(echoes.skipped()).isEqualTo(2);
        assertThat(committer.processed).containsExactlyElementsOf(batch);
        assertThat(committer.batchesFinished).isEqualTo(1);
    }

    @Test
    void suppressionLastsAcrossBatchesUntilTheNextTransaction() throws Exception {
        BatchDispatcher dispatcher = dispatcher(delivered::add, "shop");

        RecordChangeEvent<SourceRecord> application = change(ORDERS, 1, 9);
        List<RecordChangeEvent<SourceRecord>> completing = List.of(change(ORDERS, 3, 10), change(ORDERS, 4, 12), change(ORDERS, 5, 10));
        dispatcher.handleBatch(List.of(application, marker("shop", 10, 2)), committer);
        dispatcher.handleBatch(completing, committer);

        assertThat(delivered).flatExtracting(events -> events).extracting(e -> e.key().get("id")).containsExactly(1L, 4L, 5L);
        assertThat(skipped).containsExactly("public.orders 3 echo");
        assertThat(committer.processed).as("the marker is committed with the batch that completes its transaction")
                .containsExactly(application, completing.get(0), completing.get(1), completing.get(2));
    }

    @Test
    void aBatchEndingInsideAMarkedTransactionIsCommittedOnlyUpToTheMarker() throws Exception {
        RecordChangeEvent<SourceRecord> application = change(ORDERS, 1, 9);
        List<RecordChangeEvent<SourceRecord>> batch = List.of(application, marker("shop", 10, 2), change(ORDERS, 3, 10),
                heartbeat(10, "INSERT"), change(ORDERS, 4, 10));

        dispatcher(delivered::add, "shop").handleBatch(batch, committer);

        assertThat(delivered).singleElement().satisfies(events -> assertThat(events).extracting(e -> e.key().get("id")).containsExactly(1L));
        assertThat(skipped).as("echoes are reported as they are dropped").containsExactly("public.orders 3 echo", "public.orders 4 echo");
        assertThat(committer.processed).as("a restart reads the marker again").containsExactly(application);
        assertThat(committer.batchesFinished).isEqualTo(1);
    }

    @Test
    void batchesWhollyInsideAMarkedTransactionCommitNothingUntilOneReachesPastIt() throws Exception {
        BatchDispatcher dispatcher = dispatcher(delivered::add, "shop");
        dispatcher.handleBatch(List.of(marker("shop", 10, 1), change(ORDERS, 2, 10)), committer);
        dispatcher.handleBatch(List.of(change(ORDERS, 3, 10), change(ORDERS, 4, 10)), committer);
        assertThat(committer.processed).isEmpty();
        assertThat(committer.batchesFinished).isEqualTo(2);

        List<RecordChangeEvent<SourceRecord>> completing = List.of(change(ORDERS, 5, 10), change(ORDERS, 6, 11));
        dispatcher.handleBatch(completing, committer);

        assertThat(committer.processed).containsExactlyElementsOf(completing);
        assertThat(delivered).flatExtracting(events -> events).extracting(e -> e.key().get("id")).containsExactly(6L);
        assertThat(skipped).hasSize(4);
    }

    @Test
    void aPositionTakenAtTheCommitOfAMarkedTransactionIsCommitted() throws Exception {
        RecordChangeEvent<SourceRecord> atCommit = heartbeat(10, "COMMIT");
        List<RecordChangeEvent<SourceRecord>> batch = List.of(marker("shop", 10, 1), change(ORDERS, 2, 10), atCommit);

        dispatcher(delivered::add, "shop").handleBatch(batch, committer);

        assertThat(delivered).isEmpty();
        assertThat(committer.processed).containsExactlyElementsOf(batch);
    }

    @Test
    void markersOfOtherBridgesSuppressNothingAndNeverReachTheHandler() throws Exception {
        List<RecordChangeEvent<SourceRecord>> batch = List.of(marker("shop", 10, 1), marker("other", 11, 2), change(ORDERS, 3, 11));

        dispatcher(delivered::add, "shop").handleBatch(batch, committer);

        assertThat(delivered).singleElement().satisfies(events -> assertThat(events).extracting(ChangeEvent::table).containsExactly(ORDERS));
        assertThat(skipped).isEmpty();
        assertThat(committer.processed).containsExactlyElementsOf(batch);
    }

    @Test
    void aMarkerWithoutDataLeavesTheHandlerAloneAndRowsLoadedInItsTransactionAreNoEchoes() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        dispatcher(events -> calls.incrementAndGet(), "shop").handleBatch(List.of(marker("shop", 10, 1)), committer);
        assertThat(calls).hasValue(0);

        dispatcher(delivered::add, "shop").handleBatch(List.of(marker("shop", 10, 2), read(ORDERS, 3)), committer);

        assertThat(delivered).singleElement().satisfies(events -> assertThat(events).hasSize(1));
        assertThat(skipped).isEmpty();
    }

    @Test
    void echoesAreReportedOnlyOnceTheBatchWentThrough() {
        List<RecordChangeEvent<SourceRecord>> batch = List.of(marker("shop", 10, 1), change(ORDERS, 2, 10), change(ORDERS, 3, 11));

        assertThatThrownBy(() -> dispatcher(events -> {
            throw new IllegalStateException("broker down");
        }, "shop").handleBatch(batch, committer)).isInstanceOf(CaptureException.class);

        assertThat(skipped).as("the batch comes again after a restart").isEmpty();
        assertThat(committer.processed).isEmpty();
    }

    private static RecordChangeEvent<SourceRecord> change(TableId table, long id) {
        return change(table, id, 7);
    }

    private static RecordChangeEvent<SourceRecord> change(TableId table, long id, long txId) {
        Struct value = ENVELOPE.create(new Struct(ROW).put("id", id), source(table, id, txId), Instant.now());
        return wrap(new SourceRecord(Map.of(), offset(id, txId, "INSERT"), "t", null, null, ENVELOPE.schema(), value));
    }

    private static RecordChangeEvent<SourceRecord> delete(TableId table, long id, long txId) {
        Struct value = ENVELOPE.delete(new Struct(ROW).put("id", id), source(table, id, txId), Instant.now());
        return wrap(new SourceRecord(Map.of(), offset(id, txId, "DELETE"), "t", null, null, ENVELOPE.schema(), value));
    }

    /** The change an applier's marker upsert produces: an update of its bridge's row, the first change of its transaction. */
    private static RecordChangeEvent<SourceRecord> marker(String bridge, long txId, long lsn) {
        Struct row = new Struct(MARKER_ROW).put("bridge", bridge).put("batch", 5L).put("applied_at", "2024-06-01T12:00:00Z");
        Struct value = MARKER_ENVELOPE.update(row, row, source(MARKER, lsn, txId), Instant.now());
        return wrap(new SourceRecord(Map.of(), offset(lsn, txId, "UPDATE"), "m", null, null, MARKER_ENVELOPE.schema(), value));
    }

    /** A streamed record's source offset as the PostgreSQL connector stores it (the parts the dispatcher reads). */
    private static Map<String, ?> offset(long lsn, long txId, String messageType) {
        return Map.of("lsn", lsn, "lsn_proc", lsn, "txId", txId, "messageType", messageType);
    }

    private static RecordChangeEvent<SourceRecord> read(TableId table, long id) {
        Struct value = ENVELOPE.read(new Struct(ROW).put("id", id), source(table, id), Instant.now());
        return wrap(new SourceRecord(Map.of(), Map.of("lsn", id), "t", null, null, ENVELOPE.schema(), value));
    }

    private static RecordChangeEvent<SourceRecord> signal(String id, String type) {
        Struct row = new Struct(SIGNAL_ROW).put("id", id).put("type", type).put("data", null);
        Struct value = SIGNAL_ENVELOPE.create(row, source(SIGNAL, 9), Instant.now());
        return wrap(new SourceRecord(Map.of(), Map.of("lsn", 9L), "s", null, null, SIGNAL_ENVELOPE.schema(), value));
    }

    private static Struct source(TableId table, long lsn) {
        return source(table, lsn, 7);
    }

    private static Struct source(TableId table, long lsn, long txId) {
        return new Struct(SOURCE).put("ts_ms", 1L).put("ts_us", 1_000L).put("schema", table.schema())
                .put("table", table.table()).put("txId", txId).put("lsn", lsn);
    }

    private static RecordChangeEvent<SourceRecord> notification(Map<String, ?> offset, String aggregate, String type,
            Map<String, String> data) {
        Struct value = new Struct(NOTIFICATION_VALUE).put("id", "n-1").put("type", type).put("aggregate_type", aggregate)
                .put("additional_data", data).put("timestamp", 1L);
        return wrap(new SourceRecord(Map.of(), offset, "notifications", null, null, NOTIFICATION_VALUE, value));
    }

    private static RecordChangeEvent<SourceRecord> heartbeat() {
        return wrap(new SourceRecord(Map.of(), Map.of("lsn", 3L), "__debezium-heartbeat.t", null, null, HEARTBEAT_VALUE,
                new Struct(HEARTBEAT_VALUE).put("ts_ms", 1L)));
    }

    /** A heartbeat taken at the position of a message of type {@code messageType} of transaction {@code txId}. */
    private static RecordChangeEvent<SourceRecord> heartbeat(long txId, String messageType) {
        return wrap(new SourceRecord(Map.of(), offset(3, txId, messageType), "__debezium-heartbeat.t", null, null, HEARTBEAT_VALUE,
                new Struct(HEARTBEAT_VALUE).put("ts_ms", 1L)));
    }

    private static RecordChangeEvent<SourceRecord> tx(String status) {
        return wrap(new SourceRecord(Map.of(), Map.of("lsn", 1L), "t.transaction", null, null, TX_VALUE,
                new Struct(TX_VALUE).put("status", status)));
    }

    private static RecordChangeEvent<SourceRecord> wrap(SourceRecord record) {
        return () -> record;
    }

    /** Records what the dispatcher commits, as Debezium's committer would receive it. */
    private static final class FakeCommitter implements DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> {
        final List<RecordChangeEvent<SourceRecord>> processed = new ArrayList<>();
        int batchesFinished;

        @Override
        public void markProcessed(RecordChangeEvent<SourceRecord> record) {
            processed.add(record);
        }

        @Override
        public void markBatchFinished() {
            batchesFinished++;
        }

        @Override
        public void markProcessed(RecordChangeEvent<SourceRecord> record, DebeziumEngine.Offsets sourceOffsets) {
            processed.add(record);
        }

        @Override
        public DebeziumEngine.Offsets buildOffsets() {
            throw new UnsupportedOperationException("not used by the dispatcher");
        }
    }
}
