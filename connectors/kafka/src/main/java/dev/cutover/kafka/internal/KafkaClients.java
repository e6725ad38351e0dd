package dev.cutover.kafka.internal;

import dev.cutover.kafka.RecordSizeLimit;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Builds the configuration of Cutover's Kafka clients from the user's client properties
 * ({@code bootstrap.servers} plus whatever TLS/SASL settings the cluster needs, passed through).
 *
 * <p>Three layers, later ones winning: Cutover's tuning defaults (which the user may override),
 * the user's properties, then the settings correctness depends on (idempotent producer with
 * {@code acks=all}; consumer offsets committed by hand, read-committed; the record sizes of the
 * {@link RecordSizeLimit}), which nobody overrides.
 *
 * <p>Stateless and thread-safe.
 */
public final class KafkaClients {

    /** Producer batching: publishers wait for acknowledgements anyway, so a short linger costs little. */
    static final String LINGER_MS = "5";
    static final String BATCH_SIZE = Integer.toString(256 * 1024);
    /** lz4: the cheapest codec per byte on CPU, which is what a 2-core machine is short of. */
    static final String COMPRESSION = "lz4";
    /** How long a fetch may wait at the broker for records: the apply loop's own poll timeout. */
    static final String FETCH_MAX_WAIT_MS = "100";

    private KafkaClients() {
    }

    /**
     * Configuration of an idempotent byte-array producer with one request in flight per broker, for
     * the low-volume topics (schemas, dead letters, conflicts) whose first records follow the
     * topic's creation at once. With several requests in flight, one that meets the partition
     * before its leader is ready fails while the next succeeds, and the idempotent producer then
     * retries the first with an out-of-order sequence until it times out (KAFKA-14359). The
     * topic admin also waits for the leaders of topics it creates; this covers the moment in which
     * a broker that metadata already names leader is not yet taking records, and deliberately
     * overrides a {@code max.in.flight.requests.per.connection} in the client properties.
     */
    public static Map<String, Object> orderedProducer(Map<String, String> clientProperties, String clientId, RecordSizeLimit limit) {
        Map<String, Object> config = producer(clientProperties, clientId, limit);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return config;
    }

    /** {@link #orderedProducer(Map, String, RecordSizeLimit)} for records of the default size limit. */
    public static Map<String, Object> orderedProducer(Map<String, String> clientProperties, String clientId) {
        return orderedProducer(clientProperties, clientId, RecordSizeLimit.DEFAULT);
    }

    /** Configuration of an idempotent byte-array producer of records up to the default size limit. */
    public static Map<String, Object> producer(Map<String, String> clientProperties, String clientId) {
        return producer(clientProperties, clientId, RecordSizeLimit.DEFAULT);
    }

    /** Configuration of an idempotent byte-array producer of records up to {@code limit}. */
    public static Map<String, Object> producer(Map<String, String> clientProperties, String clientId, RecordSizeLimit limit) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
        config.putAll(limit.producerDefaults());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        config.putAll(checked(clientProperties));
        config.putAll(limit.producerSettings());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }

    /**
     * Configuration of a byte-array consumer that commits by hand, of records up to the default size limit.
     *
     * @param groupId the consumer group, or null for a consumer that assigns partitions itself
     */
    public static Map<String, Object> consumer(Map<String, String> clientProperties, String clientId, String groupId, int maxPollRecords) {
        return consumer(clientProperties, clientId, groupId, maxPollRecords, RecordSizeLimit.DEFAULT);
    }

    /** As {@link #consumer(Map, String, String, int)}, fetching records up to {@code limit} whole. */
    public static Map<String, Object> consumer(Map<String, String> clientProperties, String clientId, String groupId,
            int maxPollRecords, RecordSizeLimit limit) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        // A broker answers a connection's requests one at a time, so a fetch waiting for data holds back the consumer's
        // next blocking call to that broker (end offsets, positions) for up to this long; Kafka's 500 ms stalled the
        // apply loop that long whenever it asked for its lag (e.g. 0.5 s before a bulk load could hold a binding).
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        config.putAll(checked(clientProperties));
        config.putAll(limit.consumerSettings());
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }

    /** Configuration of an admin client. */
    public static Map<String, Object> admin(Map<String, String> clientProperties, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        config.putAll(checked(clientProperties));
        return config;
    }

    /** The bootstrap servers, for messages: never anything else of the properties, which may hold secrets. */
    public static String bootstrap(Map<String, String> clientProperties) {
        return String.valueOf(clientProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** True once the consumer's position reached {@code end} on every partition of it. */
    public static boolean reachedEnd(Consumer<?, ?> consumer,
            Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> checked(Map<String, String> clientProperties) {
        String bootstrap = clientProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("Kafka client properties need " + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG
                    + " (given keys: " + new TreeSet<>(clientProperties.keySet()) + ")");
        }
        return clientProperties;
    }
}
