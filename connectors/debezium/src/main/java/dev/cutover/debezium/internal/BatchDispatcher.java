package dev.cutover.debezium.internal;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.pipeline.spi.ChangeBatchHandler;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.debezium.CaptureException;
import dev.cutover.debezium.ChangeConversionException;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's batch consumer: converts a batch's data records, hands them to the
 * {@link ChangeBatchHandler} in one call, and only then marks the records of the batch processed,
 * so Debezium stores (and confirms to the slot) no position the handler has not acknowledged.
 *
 * <p>Heartbeats, heartbeat-table and signal-table changes (signals and the watermarks of loads),
 * notifications and transaction markers are not data: they never reach the handler, and are
 * marked processed with the batch (so an idle capture's position still advances). Heartbeats are
 * reported to the {@link PipelineListener}; notifications go to {@link InitialLoads}, which is
 * also told when the engine demonstrably streams (any record but a notification), to request the
 * loads of existing rows it has pending. Rows a load reads from a table the capture no longer
 * captures are dropped. A record without a source offset (Debezium's notification that it skipped
 * its initial snapshot, on a first start) is not marked: marking would store an empty position.
 * A batch without data records does not reach the handler.
 *
 * <p>Changes of the echo marker table are not data either: they go to the {@link EchoFilter},
 * and the changes it then takes for echoes of this bridge's own applier are dropped and reported
 * to {@link ChangeBatchHandler#onSkipped} (reason {@value #ECHO}), whose table tells the binding. A marked transaction may span several batches, and the filter knows it is an
 * echo only from its marker; so while a batch ends inside a marked transaction, the batch's
 * records from that transaction's marker on are not marked processed (Debezium commits the offset
 * of the last record marked, so only a prefix of the batch is marked). The committed position
 * stays before the marker until a batch reaches past the transaction, and a restart in between
 * reads the marker again with the whole transaction, which is dropped again.
 *
 * <p>When the handler throws, a record cannot be converted, or a load fails, nothing of the batch
 * is marked: the failure is reported to the failure sink and thrown as a {@link CaptureException},
 * which is not retriable and makes the engine stop, committing only what was acknowledged before.
 *
 * <p>Called by the engine's polling thread only, one batch at a time.
 */
public final class BatchDispatcher implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchDispatcher.class);
    /** The reason reported for a change dropped as an echo. */
    public static final String ECHO = "echo";

    private volatile Instant lastHeartbeatRow;
    private final String captureName;
    private final SystemSide side;
    private final SourceRecordConverter converter;
    private final RecordClassifier classifier;
    private final InitialLoads loads;
    private final ChangeBatchHandler handler;
    private final PipelineListener listener;
    private final BatchGate gate;
    private final Consumer<CaptureException> failures;
    private final EchoFilter echoes;

    /** A dispatcher that suppresses no echoes. */
    public BatchDispatcher(String captureName, SystemSide side, SourceRecordConverter converter, RecordClassifier classifier,
            InitialLoads loads, ChangeBatchHandler handler, PipelineListener listener, BatchGate gate,
            Consumer<CaptureException> failures) {
        this(captureName, side, converter, classifier, EchoFilter.off(), loads, handler, listener, gate, failures);
    }

    /**
     * @param captureName {@code <bridge>/<side>} for messages
     * @param echoes decides which changes are echoes of this bridge's applier
     * @param failures told about a failure before it is thrown to the engine
     */
    public BatchDispatcher(String captureName, SystemSide side, SourceRecordConverter converter, RecordClassifier classifier,
            EchoFilter echoes, InitialLoads loads, ChangeBatchHandler handler, PipelineListener listener, BatchGate gate,
            Consumer<CaptureException> failures) {
        this.echoes = echoes;
        this.captureName = captureName;
        this.side = side;
        this.converter = converter;
        this.classifier = classifier;
        this.loads = loads;
        this.handler = handler;
        this.listener = listener;
        this.gate = gate;
        this.failures = failures;
    }

    /**
     * When a row of the heartbeat table last came through the stream: everything committed before
     * that row was written has been captured. Null before one came.
     */
    public Instant lastHeartbeatRow() {
        return lastHeartbeatRow;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        gate.enter();
        try {
            Outcome outcome = process(records);
            for (RecordChangeEvent<SourceRecord> record : records.subList(0, outcome.committable())) {
                if (hasOffset(record.record())) {
                    committer.markProcessed(record);
                }
            }
            committer.markBatchFinished();
            if (outcome.heartbeats() > 0) {
                reportHeartbeat();
            }
        } catch (CaptureException e) {
            failures.accept(e);
            throw e;
        } finally {
            gate.exit();
        }
    }

    /**
     * What handling a batch leaves to do once its data went through.
     *
     * @param heartbeats how many heartbeats the batch held
     * @param committable how many of the batch's first records may be marked processed
     */
    private record Outcome(int heartbeats, int committable) {
    }

    /** Sorts the batch, requests pending loads, delivers the data. */
    private Outcome process(List<RecordChangeEvent<SourceRecord>> records) throws InterruptedException {
        int heartbeats = 0;
        int committable = 0;
        boolean heldBack = false;
        boolean streaming = false;
        List<ChangeEvent> events = new ArrayList<>(records.size());
        List<ChangeEvent> echoed = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            SourceRecord sourceRecord = records.get(i).record();
            RecordKind kind = classifier.classify(sourceRecord);
            streaming |= kind != RecordKind.NOTIFICATION;
            switch (kind) {
                case DATA -> {
                    if (echoes.isEcho((Struct) sourceRecord.value(), sourceRecord.sourceOffset())) {
                        echoed.add(convert(sourceRecord));
                    } else {
                        ChangeEvent event = convert(sourceRecord);
                        loads.onData(event);
                        events.add(event);
                    }
                }
                case ECHO_MARKER -> echoes.onMarker((Struct) sourceRecord.value(), sourceRecord.sourceOffset());
                case HEARTBEAT -> heartbeats++;
                case HEARTBEAT_TABLE -> lastHeartbeatRow = Instant.now();
                case NOTIFICATION -> LoadNotification.of((Struct) sourceRecord.value()).ifPresent(loads::onNotification);
                case UNCAPTURED_READ -> loads.onUncapturedRead(RecordClassifier.table((Struct) sourceRecord.value()));
                default -> {
                    // Not data: committed with the batch so the position moves past it.
                }
            }
            if (hasOffset(sourceRecord)) {
                if (echoes.holdsBack(sourceRecord.sourceOffset())) {
                    heldBack = true;
                } else {
                    committable = i + 1;
                    heldBack = false;
                }
            }
        }
        if (heldBack) {
            LOG.debug("capture {}: the batch ends inside a transaction marked as an echo; its last {} of {} records stay uncommitted"
                    + " until a batch reaches past that transaction", captureName, records.size() - committable, records.size());
        }
        if (streaming) {
            loads.onStreaming();
        }
        if (!events.isEmpty()) {
            deliver(events);
        }
        // Reported once the batch is through, so an echo is not counted again when a failed batch comes back.
        echoed.forEach(this::reportEcho);
        return new Outcome(heartbeats, committable);
    }

    /** False for a record without a source offset: marking it would store an empty position. */
    private static boolean hasOffset(SourceRecord record) {
        Map<String, ?> offset = record.sourceOffset();
        return offset != null && !offset.isEmpty();
    }

    private ChangeEvent convert(SourceRecord record) {
        try {
            return converter.convert((Struct) record.value(), record.sourceOffset());
        } catch (ChangeConversionException e) {
            throw new CaptureException("capture " + captureName + " stopped: " + e.getMessage(), e);
        }
    }

    private void deliver(List<ChangeEvent> events) throws InterruptedException {
        try {
            handler.onBatch(events);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureException("capture " + captureName + " was interrupted while handing over " + describe(events), e);
        } catch (Exception e) {
            throw new CaptureException("capture " + captureName + " stopped: the handler failed on " + describe(events)
                    + "; the batch was not committed and will be delivered again after a restart", e);
        }
    }

    private static String describe(List<ChangeEvent> events) {
        return "a batch of " + events.size() + " changes from " + events.get(0).position() + " to "
                + events.get(events.size() - 1).position();
    }

    private void reportEcho(ChangeEvent echo) {
        try {
            handler.onSkipped(echo, ECHO);
        } catch (RuntimeException e) {
            // Only counted: a failure to count must not stop the capture.
            LOG.warn("handler failed on an echo skipped by capture {}", captureName, e);
        }
    }

    private void reportHeartbeat() {
        try {
            listener.onHeartbeat(side.label());
        } catch (RuntimeException e) {
            // A listener only observes; its failure must not stop the capture.
            LOG.warn("pipeline listener failed on a heartbeat of capture {}", captureName, e);
        }
    }
}
