package dev.cutover.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The largest record Cutover publishes (key, value and headers), and the Kafka settings that let a
 * record of that size through every hop: producer ({@code max.request.size}, {@code buffer.memory}),
 * topic ({@code max.message.bytes}), embedded broker ({@code message.max.bytes},
 * {@code replica.fetch.max.bytes}, {@code socket.request.max.bytes}) and consumer
 * ({@code max.partition.fetch.bytes}, {@code fetch.max.bytes}). Each of those is the limit plus
 * {@value #FRAMING_BYTES} bytes for Kafka's own record and batch framing, so a record Cutover
 * measured as fitting is never refused by Kafka. A change whose record is larger is refused by
 * the publisher and dead-lettered.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxRecordBytes the limit, {@value #MIN_BYTES} to {@value #MAX_BYTES} bytes
 */
public record RecordSizeLimit(int maxRecordBytes) {

    /**
     * 40 MiB: a 16 MiB row travels even when an update carries it twice, as before and after image,
     * with room for the other columns and the envelope.
     */
    public static final int DEFAULT_BYTES = 40 * 1024 * 1024;
    /** Kafka's own default limit; less would refuse rows any Kafka takes. */
    public static final int MIN_BYTES = 1024 * 1024;
    /** A record is held in memory several times over on its way (encoder, producer, broker, consumer, applier). */
    public static final int MAX_BYTES = 512 * 1024 * 1024;
    /** Room above the limit for Kafka's record batch header, record framing and compression frames. */
    public static final int FRAMING_BYTES = 64 * 1024;
    /** The default limit. */
    public static final RecordSizeLimit DEFAULT = new RecordSizeLimit(DEFAULT_BYTES);

    /** Kafka's defaults, kept when they are already large enough. */
    private static final long KAFKA_BUFFER_MEMORY = 32L * 1024 * 1024;
    private static final int KAFKA_FETCH_MAX_BYTES = 50 * 1024 * 1024;
    private static final int KAFKA_SOCKET_REQUEST_MAX_BYTES = 100 * 1024 * 1024;

    public RecordSizeLimit {
        if (maxRecordBytes < MIN_BYTES || maxRecordBytes > MAX_BYTES) {
            throw new IllegalArgumentException("maxRecordBytes must be " + MIN_BYTES + " to " + MAX_BYTES + ", was " + maxRecordBytes);
        }
    }

    /** True when a record of {@code bytes} (key, value and headers) may be published. */
    public boolean fits(long bytes) {
        return bytes <= maxRecordBytes;
    }

    /** What Kafka is told a record batch may be: the limit plus framing. */
    public int kafkaLimit() {
        return maxRecordBytes + FRAMING_BYTES;
    }

    /** The {@code max.message.bytes} of every topic Cutover creates or verifies. */
    public String topicMaxMessageBytes() {
        return Integer.toString(kafkaLimit());
    }

    /** Producer settings the user's client properties may override: the accumulator's memory cap. */
    public Map<String, Object> producerDefaults() {
        // The accumulator must hold a whole record; a larger cap allocates nothing up front.
        return Map.of(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(KAFKA_BUFFER_MEMORY, 2L * kafkaLimit()));
    }

    /** Producer settings that win over the user's client properties. */
    public Map<String, Object> producerSettings() {
        return Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, kafkaLimit());
    }

    /** Consumer settings; they win over the user's client properties. */
    public Map<String, Object> consumerSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, kafkaLimit());
        settings.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Math.max(KAFKA_FETCH_MAX_BYTES, kafkaLimit()));
        return settings;
    }

    /** Settings of the embedded broker. */
    public Map<String, String> brokerSettings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("message.max.bytes", Integer.toString(kafkaLimit()));
        settings.put("replica.fetch.max.bytes", Integer.toString(kafkaLimit()));
        // A produce request carries at least one whole record batch.
        settings.put("socket.request.max.bytes", Integer.toString(Math.max(KAFKA_SOCKET_REQUEST_MAX_BYTES, 2 * kafkaLimit())));
        return settings;
    }
}
