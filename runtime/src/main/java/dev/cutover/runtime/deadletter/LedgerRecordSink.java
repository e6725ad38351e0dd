package dev.cutover.runtime.deadletter;

import dev.cutover.core.deadletter.DeadLetterEntry.DeadLetter;
import dev.cutover.core.deadletter.DeadLetterLedger;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.kafka.KafkaDeadLetterSink;
import dev.cutover.kafka.RecordDeadLetterSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The apply loop's dead-letter sink: changes go through the {@link DeadLetterLedger} (which blocks
 * their row, or knows them already), records that never became a change are parked raw and listed
 * under their place on the topic, as the log reads them back; they block no row, since their key
 * could not be read. Thread-safe.
 */
public final class LedgerRecordSink implements RecordDeadLetterSink {

    private final DeadLetterLedger ledger;
    private final KafkaDeadLetterSink raw;

    public LedgerRecordSink(DeadLetterLedger ledger, KafkaDeadLetterSink raw) {
        this.ledger = ledger;
        this.raw = raw;
    }

    @Override
    public void park(String binding, String stage, ChangeEvent change, String reason) throws Exception {
        ledger.park(binding, stage, change, reason);
    }

    @Override
    public void parkAndReport(String binding, String stage, ChangeEvent change, String reason, PipelineListener listener)
            throws Exception {
        ledger.parkAndReport(binding, stage, change, reason, listener);
    }

    @Override
    public void parkRecord(String binding, String stage, ConsumerRecord<byte[], byte[]> record, String reason) throws Exception {
        String place = raw.parkRecordAt(binding, stage, record, reason);
        ledger.remember(new DeadLetter(place, binding, stage, null, reason, ledger.clock().instant(), null, null, 0));
    }
}
