package dev.cutover.kafka;

import dev.cutover.core.lifecycle.HistoryEntry;
import dev.cutover.core.lifecycle.HistorySink;
import dev.cutover.kafka.internal.HistoryDocument;
import dev.cutover.kafka.internal.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Stores a bridge's lifecycle history on {@code <bridge>._history} as JSON documents (see
 * {@link HistoryDocument}), keyed by binding (an empty key for the bridge as a whole). The topic
 * has one partition, so the history is in the order it was recorded. The producer is idempotent
 * with {@code acks=all}; {@link #record} returns only once the entry is acknowledged.
 *
 * <p>Thread-safe: calls are serialized. {@link #close} releases the producer; idempotent.
 */
public final class KafkaHistorySink implements HistorySink, AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    private static final byte[] BRIDGE_KEY = new byte[0];

    private final String topic;
    private final String bootstrap;
    private final Producer<byte[], byte[]> producer;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param bridge the bridge name; the topic is {@link TopicNames#history}
     * @param clientProperties {@code bootstrap.servers} and any TLS/SASL settings
     */
    public KafkaHistorySink(String bridge, Map<String, String> clientProperties) {
        this.topic = TopicNames.history(bridge);
        this.bootstrap = KafkaClients.bootstrap(clientProperties);
        this.producer = new KafkaProducer<>(KafkaClients.orderedProducer(clientProperties, "cutover-" + bridge + "-history"));
    }

    /** The topic entries go to. */
    public String topic() {
        return topic;
    }

    /**
     * Sends {@code entry} and waits until Kafka acknowledged it.
     *
     * @throws KafkaOperationException naming the event, the topic and the bootstrap servers
     */
    @Override
    public synchronized void record(HistoryEntry entry) throws KafkaOperationException, InterruptedException {
        if (closed.get()) {
            throw new IllegalStateException("history sink of " + topic + " is closed");
        }
        byte[] key = entry.bridgeLevel() ? BRIDGE_KEY : entry.binding().getBytes(StandardCharsets.UTF_8);
        try {
            producer.send(new ProducerRecord<>(topic, key, HistoryDocument.encode(entry))).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(entry, e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw failure(entry, "no acknowledgement within " + SEND_TIMEOUT.toSeconds() + " s", e);
        } catch (KafkaException e) {
            throw failure(entry, e.getMessage(), e);
        }
    }

    private KafkaOperationException failure(HistoryEntry entry, String message, Throwable cause) {
        return new KafkaOperationException("could not record history event " + entry.event() + " (" + entry.outcome().label() + ")"
                + (entry.bridgeLevel() ? "" : " of binding '" + entry.binding() + "'") + " on " + topic + " at " + bootstrap + ": "
                + message, cause);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
