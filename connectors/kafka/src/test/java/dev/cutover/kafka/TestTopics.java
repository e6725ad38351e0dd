package dev.cutover.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;

/**
 * Reads every record of a topic for assertions (a copy of the test kit's {@code TopicRecords},
 * which this module cannot use: the test kit depends on it).
 */
final class TestTopics {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private TestTopics() {
    }

    /**
     * Reads all records of {@code topic} again and again until {@code condition} holds for them,
     * and returns them (partition by partition, each in offset order).
     *
     * @throws org.awaitility.core.ConditionTimeoutException when it does not hold within {@code timeout}
     */
    static List<ConsumerRecord<byte[], byte[]>> awaitRecords(Map<String, String> clientProperties, String topic,
            Duration timeout, Predicate<List<ConsumerRecord<byte[], byte[]>>> condition) {
        List<List<ConsumerRecord<byte[], byte[]>>> last = new ArrayList<>(1);
        Awaitility.await("records of " + topic).atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<ConsumerRecord<byte[], byte[]>> records = readAll(clientProperties, topic);
            last.clear();
            last.add(records);
            return condition.test(records);
        });
        return last.get(0);
    }

    /**
     * All records of {@code topic} up to its current end offsets (none when the topic does not exist).
     *
     * @throws IllegalStateException when the end is not reached within 30 seconds
     */
    static List<ConsumerRecord<byte[], byte[]>> readAll(Map<String, String> clientProperties, String topic) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put("isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            List<TopicPartition> partitions = infos == null ? List.of()
                    : infos.stream().map(p -> new TopicPartition(topic, p.partition())).sorted(
                            Comparator.comparingInt(TopicPartition::partition)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end offsets " + end
                            + " within " + READ_TIMEOUT.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset));
            return records;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
