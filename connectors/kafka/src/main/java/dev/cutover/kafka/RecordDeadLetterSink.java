package dev.cutover.kafka;

import dev.cutover.core.pipeline.spi.DeadLetterSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A {@link DeadLetterSink} that can also park a Kafka record that never became a change, because
 * it could not be decoded.
 *
 * <p>Thread-safe.
 */
public interface RecordDeadLetterSink extends DeadLetterSink {

    /**
     * Parks {@code record} durably, raw; returns once it is stored.
     *
     * @param binding the binding whose topic the record was read from
     * @param stage where it failed, e.g. {@code decode}
     * @param record the record as read, key and value as bytes (either may be null)
     * @param reason why, without credentials
     * @throws Exception when it could not be stored; the caller must then stop rather than lose it
     */
    void parkRecord(String binding, String stage, ConsumerRecord<byte[], byte[]> record, String reason) throws Exception;
}
