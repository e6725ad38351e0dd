package dev.cutover.kafka;

import dev.cutover.core.lifecycle.HistoryEntry;
import dev.cutover.kafka.internal.HistoryDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a bridge's lifecycle history ({@code <bridge>._history}, written by {@link KafkaHistorySink})
 * from the beginning up to the end it has when the read starts, oldest first. A record that is not a
 * history document is skipped with a warning naming its partition and offset.
 *
 * <p>Each read uses a consumer of its own, without a group, and closes it. Thread-safe.
 */
public final class HistoryLogReader {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryLogReader.class);

    private final String bridge;
    private final String topic;
    private final Map<String, String> clientProperties;
    private final Duration timeout;

    /**
     * @param bridge the bridge whose history to read
     * @param clientProperties {@code bootstrap.servers} and any TLS/SASL settings
     * @param timeout how long one read of the whole topic may take
     */
    public HistoryLogReader(String bridge, Map<String, String> clientProperties, Duration timeout) {
        this.bridge = bridge;
        this.topic = TopicNames.history(bridge);
        this.clientProperties = Map.copyOf(clientProperties);
        this.timeout = timeout;
    }

    /** The topic read. */
    public String topic() {
        return topic;
    }

    /**
     * Every entry of the topic up to its end offset as of this call, in the order recorded.
     *
     * @throws KafkaOperationException when the topic does not exist or cannot be read to that end
     *     within the timeout; names the topic and the bootstrap servers
     */
    public List<HistoryEntry> readAll() throws KafkaOperationException {
        List<ConsumerRecord<byte[], byte[]>> records = TopicHistory.readAll(clientProperties, "cutover-" + bridge + "-history-reader",
                topic, timeout);
        List<HistoryEntry> entries = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                entries.add(HistoryDocument.decode(r.value()));
            } catch (IllegalArgumentException e) {
                LOG.warn("Skipping record at partition {} offset {} of {}: {}", r.partition(), r.offset(), topic, e.getMessage());
            }
        }
        return entries;
    }

    /**
     * The entries of {@code binding} only (those of the bridge as a whole left out), in the order
     * recorded; all of them when {@code binding} is null.
     *
     * @throws KafkaOperationException as {@link #readAll}
     */
    public List<HistoryEntry> read(String binding) throws KafkaOperationException {
        List<HistoryEntry> all = readAll();
        return binding == null ? all : all.stream().filter(e -> binding.equals(e.binding())).toList();
    }
}
