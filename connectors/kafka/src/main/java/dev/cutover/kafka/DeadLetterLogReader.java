package dev.cutover.kafka;

import dev.cutover.core.deadletter.DeadLetterEntry;
import dev.cutover.kafka.internal.DeadLetterLogDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a bridge's dead-letter log ({@code <bridge>._deadletter}, written by
 * {@link KafkaDeadLetterSink}) from the beginning up to the end it has when the read starts, for a
 * {@link dev.cutover.core.deadletter.DeadLetterIndex} to fold. A document written before the log
 * had entry types reads as a dead letter named {@code p<partition>-<offset>}; a record that is no
 * dead-letter document at all is skipped with a warning naming its partition and offset.
 *
 * <p>Each {@link #readAll} uses a consumer of its own, without a group. Thread-safe.
 */
public final class DeadLetterLogReader {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterLogReader.class);

    private final String bridge;
    private final String topic;
    private final Map<String, String> clientProperties;
    private final Duration timeout;

    /**
     * @param bridge the bridge whose dead-letter log to read
     * @param clientProperties {@code bootstrap.servers} and any TLS/SASL settings
     * @param timeout how long one read of the whole topic may take
     */
    public DeadLetterLogReader(String bridge, Map<String, String> clientProperties, Duration timeout) {
        this.bridge = bridge;
        this.topic = TopicNames.deadLetters(bridge);
        this.clientProperties = Map.copyOf(clientProperties);
        this.timeout = timeout;
    }

    /**
     * Every entry of the topic up to its end offsets as of this call, in the order stored.
     *
     * @throws KafkaOperationException when the topic does not exist or cannot be read to that end within the timeout
     */
    public List<DeadLetterEntry> readAll() throws KafkaOperationException {
        List<ConsumerRecord<byte[], byte[]>> records = TopicHistory.readAll(clientProperties, "cutover-" + bridge + "-deadletter-reader",
                topic, timeout);
        List<DeadLetterEntry> entries = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                entries.add(DeadLetterLogDocument.decode(r.value(), "p" + r.partition() + "-" + r.offset()));
            } catch (IllegalArgumentException e) {
                LOG.warn("Skipping record at partition {} offset {} of {}: {}", r.partition(), r.offset(), topic, e.getMessage());
            }
        }
        return entries;
    }
}
