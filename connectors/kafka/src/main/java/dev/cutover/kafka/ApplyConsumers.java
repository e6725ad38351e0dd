package dev.cutover.kafka;

import dev.cutover.kafka.internal.KafkaClients;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** The consumer of an apply loop: how it is configured, and what it does when partitions move. */
final class ApplyConsumers {

    private ApplyConsumers() {
    }

    /** A consumer of the group {@code options} names, its batches as large as they allow. */
    static Consumer<byte[], byte[]> create(String bridge, Map<String, String> clientProperties, KafkaApplyOptions options) {
        Map<String, Object> config = KafkaClients.consumer(clientProperties, "cutover-" + bridge + "-apply", options.groupId(),
                options.maxBatchSize(), options.recordLimit());
        if (options.groupInstanceId() != null) {
            // Static membership: a restart (even after kill -9) takes its partitions back at once instead of
            // waiting out the session timeout of the consumer that died.
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, options.groupInstanceId());
        }
        return new KafkaConsumer<>(config);
    }

    /**
     * {@code committing}, which also pauses assigned partitions of bindings held back and runs
     * {@code joined} once partitions (possibly none) were assigned.
     */
    static ConsumerRebalanceListener joining(ConsumerRebalanceListener committing, Consumer<byte[], byte[]> consumer,
            BindingHolds holds, Runnable joined) {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                committing.onPartitionsRevoked(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                committing.onPartitionsAssigned(partitions);
                // A partition handed back after a rebalance comes unpaused; a held binding must keep waiting.
                holds.repause(consumer, partitions);
                joined.run();
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                committing.onPartitionsLost(partitions);
            }
        };
    }
}
