package dev.cutover.kafka;

import dev.cutover.core.pipeline.spi.ApplyException;
import dev.cutover.core.retry.Backoff;
import dev.cutover.core.retry.Outage;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An apply loop's retries of a batch that failed for a reason that may pass: the batch is polled
 * again after a capped exponential backoff, as often as the options allow, and the outage shows
 * meanwhile. Runs on the loop's thread; {@link #outage()} may be read from any thread.
 */
final class BatchRetry {

    private static final Logger LOG = LoggerFactory.getLogger(BatchRetry.class);

    private final String bridge;
    private final KafkaApplyOptions options;
    private final Backoff backoff;
    private final ApplyLag lag;
    private final CountDownLatch stopSignal;
    private int retries;
    private volatile Outage outage;

    /**
     * @param bridge for messages
     * @param options the retry policy
     * @param lag kept fresh while a retry waits
     * @param stopSignal ends a wait early
     */
    BatchRetry(String bridge, KafkaApplyOptions options, ApplyLag lag, CountDownLatch stopSignal) {
        this.bridge = bridge;
        this.options = options;
        this.backoff = new Backoff(options.retryBackoffInitial(), options.retryBackoffMax());
        this.lag = lag;
        this.stopSignal = stopSignal;
    }

    /** Why the loop keeps retrying a batch, since when and how often; null while batches apply. */
    Outage outage() {
        return outage;
    }

    /**
     * Seeks back to the batch start and waits (or until asked to stop); the next poll returns the batch again.
     *
     * @throws ApplyFailedException when the retries are exhausted
     */
    void retryLater(Consumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records, ApplyException e)
            throws ApplyFailedException, InterruptedException {
        retries++;
        if (retries > options.maxRetries()) {
            throw new ApplyFailedException(new ApplyException("apply loop of bridge '" + bridge + "' gave up after "
                    + options.maxRetries() + " retries of a batch of " + records.count() + " records: " + e.getMessage(), false, e));
        }
        for (TopicPartition partition : records.partitions()) {
            c.seek(partition, records.records(partition).get(0).offset());
        }
        Duration delay = backoff.delay(retries);
        Instant now = Instant.now();
        outage = Outage.next(outage, e.getMessage(), now, now.plus(delay));
        LOG.warn("Apply loop of bridge '{}': batch of {} records failed (retry {}{} in {} ms, failing since {}): {}", bridge,
                records.count(), retries, options.unlimitedRetries() ? "" : " of " + options.maxRetries(), delay.toMillis(),
                outage.since(), e.getMessage());
        lag.waitKeepingFresh(c, delay, stopSignal);
    }

    /** A batch applied: the next failure starts counting anew, and an outage ends. */
    void succeeded() {
        retries = 0;
        if (outage != null) {
            LOG.info("Apply loop of bridge '{}' applies again after {} failed attempts since {}", bridge, outage.attempts(), outage.since());
            outage = null;
        }
    }
}
