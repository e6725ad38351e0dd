package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ChangeBatchHandler;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.debezium.CaptureException;
import io.debezium.data.Envelope;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.StopEngineException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class BatchDispatcherTest {

    private static final TableId ORDERS = new TableId("public", "orders");
    private static final TableId HEARTBEAT = new TableId("public", "cutover_heartbeat");

    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("ts_ms", Schema.INT64_SCHEMA).field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("schema", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA)
            .field("txId", Schema.OPTIONAL_INT64_SCHEMA).field("lsn", Schema.OPTIONAL_INT64_SCHEMA).build();
    private static final Schema ROW = SchemaBuilder.struct().name("t.Value").field("id", Schema.INT64_SCHEMA).build();
    private static final Envelope ENVELOPE = Envelope.defineSchema().withName("t.Envelope").withRecord(ROW).withSource(SOURCE).build();
    private static final Schema HEARTBEAT_VALUE = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
            .field("ts_ms", Schema.INT64_SCHEMA).build();
    private static final Schema TX_VALUE = SchemaBuilder.struct().name("io.debezium.connector.common.TransactionMetadataValue")
            .field("status", Schema.STRING_SCHEMA).build();

    private final List<List<ChangeEvent>> delivered = new ArrayList<>();
    private final List<String> heartbeats = new ArrayList<>();
    private final List<CaptureException> failures = new ArrayList<>();
    private final BatchGate gate = new BatchGate();
    private final FakeCommitter committer = new FakeCommitter();

    private BatchDispatcher dispatcher(ChangeBatchHandler handler) {
        SourceRecordConverter converter = new SourceRecordConverter(SystemSide.LEGACY, Map.of(ORDERS, List.of("id")), Map.of(),
                new CanonicalValues(CanonicalValues.DEFAULT_UNAVAILABLE_PLACEHOLDER));
        PipelineListener listener = new PipelineListener() {
            @Override
            public void onHeartbeat(String system) {
                heartbeats.add(system);
            }
        };
        return new BatchDispatcher("shop/legacy", SystemSide.LEGACY, converter, new HeartbeatTable(HEARTBEAT, "slot"), handler,
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

    private static RecordChangeEvent<SourceRecord> change(TableId table, long id) {
        Struct source = new Struct(SOURCE).put("ts_ms", 1L).put("ts_us", 1_000L).put("schema", table.schema())
                .put("table", table.table()).put("txId", 7L).put("lsn", id);
        Struct value = ENVELOPE.create(new Struct(ROW).put("id", id), source, Instant.now());
        return wrap(new SourceRecord(Map.of(), Map.of("lsn", id), "t", null, null, ENVELOPE.schema(), value));
    }

    private static RecordChangeEvent<SourceRecord> heartbeat() {
        return wrap(new SourceRecord(Map.of(), Map.of(), "__debezium-heartbeat.t", null, null, HEARTBEAT_VALUE,
                new Struct(HEARTBEAT_VALUE).put("ts_ms", 1L)));
    }

    private static RecordChangeEvent<SourceRecord> tx(String status) {
        return wrap(new SourceRecord(Map.of(), Map.of(), "t.transaction", null, null, TX_VALUE, new Struct(TX_VALUE).put("status", status)));
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
