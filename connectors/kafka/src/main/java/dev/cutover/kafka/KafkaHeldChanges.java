package dev.cutover.kafka;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.pipeline.spi.HeldChangeStore;
import dev.cutover.kafka.internal.HeldDocument;
import dev.cutover.kafka.internal.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the captured changes of bindings paused for schema drift on {@code <bridge>._held} (one
 * partition, kept forever), in capture order, as {@link HeldDocument}s keyed by binding. Once a
 * restarted bridge published a binding's held changes through its fixed mapping, a release note
 * names the last offset published, so they are not published again; a crash between the two
 * publishes them again, in order (at least once, like every change).
 *
 * <p>Held changes carry row values: whoever may read the topic may read the rows.
 *
 * <p>Thread-safe: calls are serialized. {@link #close} releases the producer; idempotent.
 */
public final class KafkaHeldChanges implements HeldChangeStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaHeldChanges.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final String bridge;
    private final String topic;
    private final String bootstrap;
    private final Map<String, String> clientProperties;
    private final Producer<byte[], byte[]> producer;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * The changes of one binding that wait to be published.
     *
     * @param changes as captured, in capture order
     * @param through the topic offset of the last of them, for {@link #release}
     */
    public record Pending(List<ChangeEvent> changes, long through) {
    }

    /**
     * @param bridge the bridge; the topic is {@link TopicNames#held}
     * @param clientProperties {@code bootstrap.servers} and any TLS/SASL settings
     * @param limit the largest record to send
     */
    public KafkaHeldChanges(String bridge, Map<String, String> clientProperties, RecordSizeLimit limit) {
        this.bridge = bridge;
        this.topic = TopicNames.held(bridge);
        this.bootstrap = KafkaClients.bootstrap(clientProperties);
        this.clientProperties = Map.copyOf(clientProperties);
        this.producer = new KafkaProducer<>(KafkaClients.orderedProducer(clientProperties, "cutover-" + bridge + "-held", limit));
    }

    /** Sends {@code captured} in order and waits until Kafka acknowledged all of them. */
    @Override
    public synchronized void hold(String binding, List<ChangeEvent> captured) throws KafkaOperationException, InterruptedException {
        List<byte[]> documents = new ArrayList<>(captured.size());
        captured.forEach(c -> documents.add(HeldDocument.held(binding, c)));
        send(binding, documents, "hold " + captured.size() + " change(s)");
    }

    /** Notes that {@code binding}'s held changes up to offset {@code through} were published. */
    public synchronized void release(String binding, long through) throws KafkaOperationException, InterruptedException {
        send(binding, List.of(HeldDocument.released(binding, through)), "note the release of held changes");
    }

    /**
     * The changes each binding holds that no release note covers, read from the beginning of the
     * topic to its current end. A record that is not a held-changes document is skipped with a warning.
     *
     * @throws KafkaOperationException when the topic cannot be read within {@code timeout}
     */
    public Map<String, Pending> pending(Duration timeout) throws KafkaOperationException {
        Map<String, List<ChangeEvent>> changes = new LinkedHashMap<>();
        Map<String, Long> through = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicHistory.readAll(clientProperties, "cutover-" + bridge + "-held-reader",
                topic, timeout)) {
            HeldDocument.Entry entry;
            try {
                entry = HeldDocument.decode(r.value());
            } catch (IllegalArgumentException e) {
                LOG.warn("Skipping record at offset {} of {}: {}", r.offset(), topic, e.getMessage());
                continue;
            }
            if (entry.change() == null) {
                changes.remove(entry.binding());
                through.remove(entry.binding());
            } else {
                changes.computeIfAbsent(entry.binding(), k -> new ArrayList<>()).add(entry.change());
                through.put(entry.binding(), r.offset());
            }
        }
        Map<String, Pending> pending = new LinkedHashMap<>();
        changes.forEach((binding, list) -> pending.put(binding, new Pending(List.copyOf(list), through.get(binding))));
        return pending;
    }

    private void send(String binding, List<byte[]> documents, String what) throws KafkaOperationException, InterruptedException {
        if (closed.get()) {
            throw new IllegalStateException("held-changes store of " + topic + " is closed");
        }
        byte[] key = binding.getBytes(StandardCharsets.UTF_8);
        List<Future<RecordMetadata>> sent = new ArrayList<>(documents.size());
        try {
            for (byte[] document : documents) {
                sent.add(producer.send(new ProducerRecord<>(topic, key, document)));
            }
            long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
            for (Future<RecordMetadata> f : sent) {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (KafkaException | TimeoutException e) {
            throw failure(binding, what, e.getMessage(), e);
        } catch (ExecutionException e) {
            throw failure(binding, what, e.getCause().getMessage(), e.getCause());
        }
    }

    private KafkaOperationException failure(String binding, String what, String message, Throwable cause) {
        return new KafkaOperationException("could not " + what + " of binding '" + binding + "' on " + topic + " at " + bootstrap
                + ": " + message, cause);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
