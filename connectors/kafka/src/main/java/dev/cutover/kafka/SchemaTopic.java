package dev.cutover.kafka;

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
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes the Avro schemas of a bridge's change topics to the compacted topic
 * {@code <bridge>._schemas}, so that any consumer can decode the single-object encoded records
 * without a schema registry.
 *
 * <p>Each schema is one record: key = the schema's CRC-64-AVRO fingerprint as 16 lowercase hex
 * digits (the fingerprint every encoded record starts with), value = the schema's JSON, headers
 * {@value #SUBJECT_HEADER} = the change topic and {@value #ROLE_HEADER} = {@code key} or
 * {@code value}. Publishing the same schema again is harmless: compaction keeps one record per
 * fingerprint.
 *
 * <p>Thread-safe. {@link #close} releases the producer if this instance created it; idempotent.
 */
public final class SchemaTopic implements AutoCloseable {

    /** Header naming the change topic a schema belongs to. */
    public static final String SUBJECT_HEADER = "subject";
    /** Header saying whether a schema describes record keys ({@code key}) or values ({@code value}). */
    public static final String ROLE_HEADER = "role";
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final String topic;
    private final String bootstrap;
    private final Producer<byte[], byte[]> producer;
    private final boolean ownsProducer;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A schema topic with a producer of its own. */
    public SchemaTopic(String bridge, Map<String, String> clientProperties) {
        this(bridge, KafkaClients.bootstrap(clientProperties),
                new KafkaProducer<>(KafkaClients.orderedProducer(clientProperties, "cutover-" + bridge + "-schemas")), true);
    }

    /** A schema topic that sends through {@code producer}, which the caller keeps and closes. */
    SchemaTopic(String bridge, String bootstrap, Producer<byte[], byte[]> producer, boolean ownsProducer) {
        this.topic = TopicNames.schemas(bridge);
        this.bootstrap = bootstrap;
        this.producer = producer;
        this.ownsProducer = ownsProducer;
    }

    /** The topic schemas are published to. */
    public String topic() {
        return topic;
    }

    /**
     * Publishes the key and value schemas of {@code schemas.topic()} and waits for both
     * acknowledgements.
     *
     * @throws KafkaOperationException naming the change topic and the bootstrap servers
     */
    public void publish(TopicSchemas schemas) throws KafkaOperationException, InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(2);
        sent.add(producer.send(record(schemas.topic(), "key", schemas.key())));
        sent.add(producer.send(record(schemas.topic(), "value", schemas.value())));
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new KafkaOperationException("could not publish the schemas of " + schemas.topic() + " to " + topic
                        + " at " + bootstrap + ": " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new KafkaOperationException("Kafka at " + bootstrap + " did not acknowledge the schemas of "
                        + schemas.topic() + " on " + topic + " within " + SEND_TIMEOUT.toSeconds() + " s", e);
            }
        }
    }

    private ProducerRecord<byte[], byte[]> record(String subject, String role, Schema schema) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(SUBJECT_HEADER, subject.getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(ROLE_HEADER, role.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(topic, null, AvroSchemas.fingerprintHex(schema).getBytes(StandardCharsets.UTF_8),
                schema.toString().getBytes(StandardCharsets.UTF_8), headers);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && ownsProducer) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
