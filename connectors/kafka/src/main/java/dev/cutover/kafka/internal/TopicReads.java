package dev.cutover.kafka.internal;

import dev.cutover.kafka.KafkaOperationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a whole topic from its beginning up to the end offsets it has when the read starts, for
 * the logs a bridge folds at start (conflicts, held changes). Stateless.
 */
public final class TopicReads {

    private TopicReads() {
    }

    /**
     * Every record of {@code topic} up to its end offsets as of this call, partition by partition in
     * offset order, read with {@code consumer} (assigned here; it should belong to no group).
     *
     * @param bootstrap for messages
     * @throws KafkaOperationException when the topic does not exist or cannot be read to that end
     *     within {@code timeout}; names the topic and the bootstrap servers
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(Consumer<byte[], byte[]> consumer, String topic, String bootstrap,
            Duration timeout) throws KafkaOperationException {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new KafkaOperationException("topic " + topic + " does not exist at " + bootstrap
                    + " (it is created with the bridge's other topics)");
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
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
        records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return records;
    }
}
