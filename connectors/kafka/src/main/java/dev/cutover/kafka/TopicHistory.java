package dev.cutover.kafka;

import dev.cutover.kafka.internal.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a log-like topic (conflicts, dead letters) from the beginning up to the end offsets it has
 * when the read starts, with a consumer of its own and without a group. Stateless; thread-safe.
 */
final class TopicHistory {

    private static final int MAX_POLL_RECORDS = 1000;

    private TopicHistory() {
    }

    /**
     * Every record of {@code topic} up to its end offsets as of this call, partition by partition in offset order.
     *
     * @param clientId the consumer's client id
     * @throws KafkaOperationException when the topic does not exist or cannot be read to that end
     *     within {@code timeout}; names the topic and the bootstrap servers
     */
    static List<ConsumerRecord<byte[], byte[]>> readAll(Map<String, String> clientProperties, String clientId, String topic,
            Duration timeout) throws KafkaOperationException {
        String bootstrap = KafkaClients.bootstrap(clientProperties);
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(clientProperties, clientId, null, MAX_POLL_RECORDS))) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new KafkaOperationException("topic " + topic + " does not exist at " + bootstrap
                        + " (it is created with the bridge's other topics)");
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            List<ConsumerRecord<byte[], byte[]>> records = readTo(consumer, end, topic, bootstrap, timeout);
            records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset));
            return records;
        } catch (KafkaException e) {
            throw new KafkaOperationException("could not read " + topic + " at " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    /** Polls until every partition reached its end offset in {@code end}; later records are left out. */
    private static List<ConsumerRecord<byte[], byte[]>> readTo(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end,
            String topic, String bootstrap, Duration timeout) throws KafkaOperationException {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!KafkaClients.reachedEnd(consumer, end)) {
            if (System.nanoTime() > deadline) {
                throw new KafkaOperationException("could not read " + topic + " at " + bootstrap + " to its end offsets " + end
                        + " within " + timeout.toSeconds() + " s (read " + records.size() + " records)");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    records.add(r);
                }
            }
        }
        return records;
    }
}
