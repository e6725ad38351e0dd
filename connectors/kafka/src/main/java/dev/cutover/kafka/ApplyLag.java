package dev.cutover.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far an apply loop's consumer is behind the end of its assigned partitions, and how much of
 * that waits on partitions paused for drift. Measured on the loop's thread with its consumer; read
 * from any thread.
 */
final class ApplyLag {

    private static final Logger LOG = LoggerFactory.getLogger(ApplyLag.class);
    private static final Duration QUERY_INTERVAL = Duration.ofSeconds(5);
    private static final Duration REFRESH_WHILE_RETRYING = Duration.ofSeconds(1);

    private final String bridge;
    private volatile long lag;
    private volatile long held;
    private long lastQuery;

    /** @param bridge for messages */
    ApplyLag(String bridge) {
        this.bridge = bridge;
    }

    /** Records behind the end of the assigned partitions; 0 before the first measurement. */
    long lag() {
        return lag;
    }

    /** Of {@link #lag()}, the records waiting on paused partitions. */
    long held() {
        return held;
    }

    /** Of {@link #lag()}, the records the loop may apply now. */
    long applicable() {
        return lag - held;
    }

    /**
     * Measures the lag after a poll, from the consumer's fetch positions; asks the broker (at most
     * every few seconds) for partitions the consumer has no figure for yet.
     */
    void update(Consumer<byte[], byte[]> c) {
        long total = 0;
        long pausedLag = 0;
        List<TopicPartition> unknown = new ArrayList<>();
        Set<TopicPartition> paused = c.paused();
        for (TopicPartition partition : c.assignment()) {
            OptionalLong partitionLag = c.currentLag(partition);
            if (paused.contains(partition)) {
                // The consumer keeps the high watermark of its last fetch of a paused partition.
                pausedLag += partitionLag.orElse(0);
            }
            if (partitionLag.isPresent()) {
                total += partitionLag.getAsLong();
            } else {
                unknown.add(partition);
            }
        }
        long now = System.nanoTime();
        if (!unknown.isEmpty() && now - lastQuery > QUERY_INTERVAL.toNanos()) {
            lastQuery = now;
            OptionalLong queried = queried(c, unknown);
            if (queried.isEmpty()) {
                return; // the broker did not answer: keep the last figure rather than report a lag of 0
            }
            total += queried.getAsLong();
        }
        lag = total;
        held = pausedLag;
    }

    /** Waits out a retry delay (or until {@code stopSignal}), asking the broker for the lag about every second meanwhile. */
    void waitKeepingFresh(Consumer<byte[], byte[]> c, Duration delay, CountDownLatch stopSignal) throws InterruptedException {
        long deadline = System.nanoTime() + delay.toNanos();
        long remaining;
        while (stopSignal.getCount() > 0 && (remaining = deadline - System.nanoTime()) > 0) {
            queried(c, c.assignment()).ifPresent(l -> lag = l);
            stopSignal.await(Math.min(remaining, REFRESH_WHILE_RETRYING.toNanos()), TimeUnit.NANOSECONDS);
        }
    }

    /** Lag of {@code partitions} asked of the broker; empty when it does not answer within a second. */
    private OptionalLong queried(Consumer<byte[], byte[]> c, Collection<TopicPartition> partitions) {
        try {
            long total = 0;
            for (Map.Entry<TopicPartition, Long> end : c.endOffsets(partitions, Duration.ofSeconds(1)).entrySet()) {
                total += Math.max(0, end.getValue() - c.position(end.getKey(), Duration.ofSeconds(1)));
            }
            return OptionalLong.of(total);
        } catch (TimeoutException e) {
            LOG.debug("Apply loop of bridge '{}': end offsets not available: {}", bridge, e.getMessage());
            return OptionalLong.empty();
        }
    }
}
