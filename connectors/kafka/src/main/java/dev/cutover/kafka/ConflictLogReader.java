package dev.cutover.kafka;

import dev.cutover.core.conflict.ConflictLogEntry;
import dev.cutover.kafka.internal.ConflictDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a bridge's conflict log ({@code <bridge>._conflicts}, written by {@link KafkaConflictSink})
 * from the beginning up to the end it has when the read starts, for a
 * {@link dev.cutover.core.conflict.ConflictLog} to fold. A record that is not a conflict log document
 * is skipped with a warning naming its partition and offset, and counted in {@link #skipped}.
 *
 * <p>Each {@link #readAll} uses a consumer of its own, without a group, and closes it.
 *
 * <p>Thread-safe.
 */
public final class ConflictLogReader {

    private static final Logger LOG = LoggerFactory.getLogger(ConflictLogReader.class);

    private final String bridge;
    private final String topic;
    private final Map<String, String> clientProperties;
    private final Duration timeout;
    private final AtomicLong skipped = new AtomicLong();

    /**
     * @param bridge the bridge whose conflict log to read
     * @param clientProperties {@code bootstrap.servers} and any TLS/SASL settings
     * @param timeout how long one read of the whole topic may take
     */
    public ConflictLogReader(String bridge, Map<String, String> clientProperties, Duration timeout) {
        this.bridge = bridge;
        this.topic = TopicNames.conflicts(bridge);
        this.clientProperties = Map.copyOf(clientProperties);
        this.timeout = timeout;
    }

    /** The topic read. */
    public String topic() {
        return topic;
    }

    /**
     * Every entry of the topic up to its end offsets as of this call, partition by partition in
     * offset order (the topic has one partition, so that is the order they were stored in).
     *
     * @throws KafkaOperationException when the topic does not exist or cannot be read to that end
     *     within the timeout; names the topic and the bootstrap servers
     */
    public List<ConflictLogEntry> readAll() throws KafkaOperationException {
        return decode(TopicHistory.readAll(clientProperties, "cutover-" + bridge + "-conflict-reader", topic, timeout));
    }

    /** Records skipped by this reader because they were not conflict log documents, over all reads. */
    public long skipped() {
        return skipped.get();
    }

    private List<ConflictLogEntry> decode(List<ConsumerRecord<byte[], byte[]>> records) {
        List<ConflictLogEntry> entries = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                entries.add(ConflictDocument.decode(r.value()));
            } catch (IllegalArgumentException e) {
                skipped.incrementAndGet();
                LOG.warn("Skipping record at partition {} offset {} of {}: {}", r.partition(), r.offset(), topic, e.getMessage());
            }
        }
        return entries;
    }
}
