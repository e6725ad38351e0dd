package dev.cutover.kafka;

import dev.cutover.kafka.internal.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a bridge's schemas topic (see {@link SchemaTopic}) into memory: a {@link SchemaStore}
 * for Avro's single-object decoders, and the latest key and value schema of each change topic for
 * readers that know nothing of the tables ({@link #codecFor}).
 *
 * <p>The topic is read lazily: on the first lookup, on {@link #refresh}, and again when a lookup
 * misses (at most once per second), so schemas published after start are found. A lookup that
 * cannot reach Kafka throws {@link SchemaLookupException}; a fingerprint the topic does not hold
 * yields null, as {@link SchemaStore} requires.
 *
 * <p>Thread-safe (methods are synchronized; the consumer is used under the lock).
 * {@link #close} releases the consumer; idempotent.
 */
public final class SchemaTopicReader implements SchemaStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaTopicReader.class);
    private static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(1);

    private final String topic;
    private final String bootstrap;
    private final Map<String, String> clientProperties;
    private final Duration timeout;
    private final Clock clock;
    private final SchemaStore.Cache cache = new SchemaStore.Cache();
    private final Map<String, TopicSchemasBuilder> latest = new HashMap<>();
    private Consumer<byte[], byte[]> consumer;
    private Instant lastRefresh = Instant.MIN;
    private boolean closed;

    /**
     * @param bridge the bridge whose schemas topic to read
     * @param clientProperties {@code bootstrap.servers} and any TLS/SASL settings
     * @param timeout how long one read of the topic to its end may take
     */
    public SchemaTopicReader(String bridge, Map<String, String> clientProperties, Duration timeout) {
        this(bridge, clientProperties, timeout, Clock.systemUTC());
    }

    SchemaTopicReader(String bridge, Map<String, String> clientProperties, Duration timeout, Clock clock) {
        this.topic = TopicNames.schemas(bridge);
        this.bootstrap = KafkaClients.bootstrap(clientProperties);
        this.clientProperties = Map.copyOf(clientProperties);
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * Reads the schemas topic up to its current end.
     *
     * @throws KafkaOperationException when the topic does not exist or cannot be read within the timeout
     */
    public synchronized void refresh() throws KafkaOperationException {
        if (closed) {
            throw new IllegalStateException("schema topic reader of " + topic + " is closed");
        }
        lastRefresh = clock.instant();
        try {
            Consumer<byte[], byte[]> c = consumer();
            Map<TopicPartition, Long> end = c.endOffsets(c.assignment(), timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!KafkaClients.reachedEnd(c, end)) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaOperationException("could not read " + topic + " at " + bootstrap + " to its end within "
                            + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    add(r);
                }
            }
        } catch (KafkaException e) {
            throw new KafkaOperationException("could not read " + topic + " at " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    /**
     * The schema with {@code fingerprint}, reading the topic again when it is not known yet.
     *
     * @return the schema, or null when the topic does not hold it
     * @throws SchemaLookupException when the topic cannot be read
     */
    @Override
    public synchronized Schema findByFingerprint(long fingerprint) {
        Schema schema = cache.findByFingerprint(fingerprint);
        if (schema == null && !clock.instant().isBefore(lastRefresh.plus(MIN_REFRESH_INTERVAL))) {
            try {
                refresh();
            } catch (KafkaOperationException e) {
                throw new SchemaLookupException(e.getMessage(), e);
            }
            schema = cache.findByFingerprint(fingerprint);
        }
        return schema;
    }

    /**
     * The latest key and value schemas published for {@code changeTopic}, reading the topic first
     * if it has not been read yet.
     */
    public synchronized Optional<TopicSchemas> latest(String changeTopic) throws KafkaOperationException {
        if (consumer == null) {
            refresh();
        }
        TopicSchemasBuilder b = latest.get(changeTopic);
        return b == null || b.key == null || b.value == null ? Optional.empty() : Optional.of(new TopicSchemas(changeTopic, b.key, b.value));
    }

    /**
     * A codec for {@code changeTopic} built from its latest published schemas alone; it resolves
     * older writer schemas through this reader.
     *
     * @throws KafkaOperationException when no schemas were published for the topic
     */
    public ChangeEventCodec codecFor(String changeTopic) throws KafkaOperationException {
        TopicSchemas schemas = latest(changeTopic).orElseThrow(() -> new KafkaOperationException(
                "no schemas for " + changeTopic + " in " + topic + " at " + bootstrap));
        return ChangeEventCodec.forSchemas(schemas, this);
    }

    private Consumer<byte[], byte[]> consumer() throws KafkaOperationException {
        if (consumer == null) {
            Consumer<byte[], byte[]> c = new KafkaConsumer<>(KafkaClients.consumer(clientProperties, "cutover-schema-reader", null, 500));
            List<PartitionInfo> partitions = c.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) {
                c.close(CloseOptions.timeout(Duration.ZERO));
                throw new KafkaOperationException("topic " + topic + " does not exist at " + bootstrap);
            }
            List<TopicPartition> assignment = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(assignment);
            c.seekToBeginning(assignment);
            consumer = c;
        }
        return consumer;
    }


    private void add(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(new String(record.value(), StandardCharsets.UTF_8));
        } catch (SchemaParseException e) {
            LOG.warn("Skipping record at offset {} of {}: not an Avro schema ({})", record.offset(), topic, e.getMessage());
            return;
        }
        cache.addSchema(schema);
        String subject = header(record, SchemaTopic.SUBJECT_HEADER);
        String role = header(record, SchemaTopic.ROLE_HEADER);
        if (subject != null && role != null) {
            TopicSchemasBuilder b = latest.computeIfAbsent(subject, s -> new TopicSchemasBuilder());
            if (role.equals("key")) {
                b.key = schema;
            } else if (role.equals("value")) {
                b.value = schema;
            }
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (consumer != null) {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            }
        }
    }

    private static final class TopicSchemasBuilder {
        private Schema key;
        private Schema value;
    }
}
