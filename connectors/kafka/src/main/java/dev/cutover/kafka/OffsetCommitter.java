package dev.cutover.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the offsets of applied batches synchronously. Offsets that could not be committed yet
 * (a timeout, a wakeup during the commit) stay pending and go with the next commit, with the
 * partition's revocation, or at shutdown. Offsets of partitions this consumer lost are dropped: the
 * new owner re-applies those records, which the idempotent applier tolerates.
 *
 * <p>Not thread-safe; lives on the apply loop's thread.
 */
final class OffsetCommitter {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetCommitter.class);
    private static final Duration FINAL_COMMIT_TIMEOUT = Duration.ofSeconds(10);

    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();

    /**
     * Commits {@code applied} (and anything still pending).
     *
     * @throws WakeupException when the loop was asked to stop during the commit; the offsets stay pending
     */
    void commit(Consumer<byte[], byte[]> consumer, Map<TopicPartition, OffsetAndMetadata> applied) {
        pending.putAll(applied);
        try {
            consumer.commitSync(pending);
            pending.clear();
        } catch (CommitFailedException | RebalanceInProgressException e) {
            LOG.warn("Offsets {} not committed, the partitions moved to another consumer (their records will be applied again): {}",
                    pending, e.getMessage());
            pending.clear();
        } catch (TimeoutException e) {
            LOG.warn("Offsets {} not committed yet, trying again with the next batch: {}", pending, e.getMessage());
        }
    }

    /** Commits what is pending, if anything, once; failures are logged (the records are applied again later). */
    void commitPending(Consumer<byte[], byte[]> consumer) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(pending, FINAL_COMMIT_TIMEOUT);
            pending.clear();
        } catch (KafkaException e) {
            LOG.warn("Offsets {} not committed at shutdown (their records will be applied again): {}", pending, e.toString());
        }
    }

    /** A listener that commits pending offsets of partitions being revoked and forgets those of lost ones. */
    ConsumerRebalanceListener rebalanceListener(Consumer<byte[], byte[]> consumer) {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                Map<TopicPartition, OffsetAndMetadata> revoked = new HashMap<>();
                for (TopicPartition p : partitions) {
                    OffsetAndMetadata offset = pending.remove(p);
                    if (offset != null) {
                        revoked.put(p, offset);
                    }
                }
                if (!revoked.isEmpty()) {
                    try {
                        consumer.commitSync(revoked);
                    } catch (KafkaException e) {
                        LOG.warn("Offsets {} of revoked partitions not committed (their records will be applied again): {}",
                                revoked, e.toString());
                    }
                }
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                partitions.forEach(pending::remove);
            }
        };
    }
}
