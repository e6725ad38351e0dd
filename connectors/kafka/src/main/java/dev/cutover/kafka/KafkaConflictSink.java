package dev.cutover.kafka;

import dev.cutover.core.conflict.ConflictLogEntry;
import dev.cutover.core.conflict.ConflictResolved;
import dev.cutover.core.conflict.ConflictSink;
import dev.cutover.core.conflict.HeldChange;
import dev.cutover.kafka.internal.ConflictDocument;
import dev.cutover.kafka.internal.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Stores conflict log entries on {@code <bridge>._conflicts} as JSON documents (see
 * {@link ConflictDocument}), keyed by conflict id so that the entries of one conflict stay in order
 * on one partition. The producer is idempotent with {@code acks=all}; {@link #record} returns only
 * once every entry of the call is acknowledged.
 *
 * <p>Entries carry row values: whoever may read the topic may read the rows.
 *
 * <p>Thread-safe: calls are serialized, so the entries of one call are contiguous on the topic.
 * {@link #close} releases the producer; idempotent.
 */
public final class KafkaConflictSink implements ConflictSink, AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final String topic;
    private final String bootstrap;
    private final Producer<byte[], byte[]> producer;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param bridge the bridge name; the topic is {@link TopicNames#conflicts}
     * @param clientProperties {@code bootstrap.servers} and any TLS/SASL settings
     */
    public KafkaConflictSink(String bridge, Map<String, String> clientProperties) {
        this.topic = TopicNames.conflicts(bridge);
        this.bootstrap = KafkaClients.bootstrap(clientProperties);
        this.producer = new KafkaProducer<>(KafkaClients.orderedProducer(clientProperties, "cutover-" + bridge + "-conflicts"));
    }

    /** The topic entries go to. */
    public String topic() {
        return topic;
    }

    /**
     * Sends {@code entries} in order and waits until Kafka acknowledged all of them.
     *
     * @throws KafkaOperationException naming the first entry not acknowledged, the topic and the
     *     bootstrap servers; entries before it may be stored (a retry stores them again, which
     *     readers tolerate)
     */
    @Override
    public synchronized void record(List<ConflictLogEntry> entries) throws KafkaOperationException, InterruptedException {
        if (closed.get()) {
            throw new IllegalStateException("conflict sink of " + topic + " is closed");
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(entries.size());
        try {
            for (ConflictLogEntry entry : entries) {
                byte[] key = entry.conflictId().getBytes(StandardCharsets.UTF_8);
                sent.add(producer.send(new ProducerRecord<>(topic, key, ConflictDocument.encode(entry))));
            }
        } catch (KafkaException e) {
            throw failure(entries.get(sent.size()), e.getMessage(), e);
        }
        long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw failure(entries.get(i), e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw failure(entries.get(i), "no acknowledgement within " + SEND_TIMEOUT.toSeconds() + " s", e);
            }
        }
    }

    private KafkaOperationException failure(ConflictLogEntry entry, String message, Throwable cause) {
        return new KafkaOperationException("could not record " + describe(entry) + " of conflict " + entry.conflictId() + " on "
                + topic + " at " + bootstrap + ": " + message, cause);
    }

    private static String describe(ConflictLogEntry entry) {
        if (entry instanceof HeldChange h) {
            return "held change " + h.sequence();
        }
        return entry instanceof ConflictResolved ? "the resolution" : "the record";
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
