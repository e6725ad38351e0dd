package dev.cutover.kafka;

import dev.cutover.core.retry.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link KafkaApplyLoop} consumes and retries.
 *
 * @param groupId the consumer group; instances with the same group share the partitions
 * @param maxBatchSize most records handed to the applier at once ({@code max.poll.records})
 * @param pollTimeout longest wait for records in one poll
 * @param retryBackoffInitial delay before the first retry of a batch that failed retriably
 * @param retryBackoffMax longest delay between retries (the delay doubles up to it)
 * @param maxRetries retries of one batch before the loop gives up and stops with a failure;
 *     {@link #UNLIMITED_RETRIES} to retry for as long as it takes
 * @param schemaReadTimeout longest read of the schemas topic when a record's writer schema is unknown
 * @param groupInstanceId the consumer's static group membership id ({@code group.instance.id}), or
 *     null for a dynamic member; with one, a restarted loop takes its partitions back at once
 * @param recordLimit the largest record the consumer must fetch whole
 */
public record KafkaApplyOptions(String groupId, int maxBatchSize, Duration pollTimeout, Duration retryBackoffInitial,
        Duration retryBackoffMax, int maxRetries, Duration schemaReadTimeout, String groupInstanceId, RecordSizeLimit recordLimit) {

    /** {@link #maxRetries} that never gives up: a long-lived service waits out an outage. */
    public static final int UNLIMITED_RETRIES = Integer.MAX_VALUE;
    /**
     * Default {@link #pollTimeout}: pauses, resumes and holds are carried out between two polls, so
     * an idle loop takes them within this; idle polls of a tenth of a second cost next to nothing.
     */
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(100);
    /** Default {@link #retryBackoffInitial}. */
    public static final Duration DEFAULT_RETRY_BACKOFF_INITIAL = Duration.ofMillis(100);
    /** Default {@link #maxRetries}. */
    public static final int DEFAULT_MAX_RETRIES = UNLIMITED_RETRIES;
    /** Default {@link #schemaReadTimeout}. */
    public static final Duration DEFAULT_SCHEMA_READ_TIMEOUT = Duration.ofSeconds(30);

    public KafkaApplyOptions {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("groupId must not be blank");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, was " + maxBatchSize);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
        }
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        Objects.requireNonNull(retryBackoffInitial, "retryBackoffInitial");
        Objects.requireNonNull(retryBackoffMax, "retryBackoffMax");
        Objects.requireNonNull(schemaReadTimeout, "schemaReadTimeout");
        Objects.requireNonNull(recordLimit, "recordLimit");
        if (groupInstanceId != null && groupInstanceId.isBlank()) {
            throw new IllegalArgumentException("groupInstanceId must be null or not blank");
        }
        if (retryBackoffInitial.isNegative() || retryBackoffInitial.isZero() || retryBackoffMax.compareTo(retryBackoffInitial) < 0) {
            throw new IllegalArgumentException("retry backoff must satisfy 0 < initial <= max, was " + retryBackoffInitial
                    + " .. " + retryBackoffMax);
        }
    }

    /**
     * Options for consumer group {@code groupId} with the values the configuration's {@code tuning}
     * section sets (the one source of their defaults: {@code apply-batch-size},
     * {@code retry-backoff-max}); the rest are the loop's own defaults (see the constants). The
     * first retry waits {@link #DEFAULT_RETRY_BACKOFF_INITIAL}, or {@code retryBackoffMax} when that
     * is shorter.
     */
    public static KafkaApplyOptions of(String groupId, int maxBatchSize, Duration retryBackoffMax) {
        Duration initial = Backoff.capped(DEFAULT_RETRY_BACKOFF_INITIAL, retryBackoffMax).initial();
        return new KafkaApplyOptions(groupId, maxBatchSize, DEFAULT_POLL_TIMEOUT, initial, retryBackoffMax, DEFAULT_MAX_RETRIES,
                DEFAULT_SCHEMA_READ_TIMEOUT, null, RecordSizeLimit.DEFAULT);
    }

    /** True when the loop never gives up on a batch that fails retriably. */
    public boolean unlimitedRetries() {
        return maxRetries == UNLIMITED_RETRIES;
    }

    /** These options with another batch size. */
    public KafkaApplyOptions withMaxBatchSize(int size) {
        return new KafkaApplyOptions(groupId, size, pollTimeout, retryBackoffInitial, retryBackoffMax, maxRetries, schemaReadTimeout,
                groupInstanceId, recordLimit);
    }

    /** These options with another poll timeout. */
    public KafkaApplyOptions withPollTimeout(Duration timeout) {
        return new KafkaApplyOptions(groupId, maxBatchSize, timeout, retryBackoffInitial, retryBackoffMax, maxRetries, schemaReadTimeout,
                groupInstanceId, recordLimit);
    }

    /** These options fetching records up to {@code limit}. */
    public KafkaApplyOptions withRecordLimit(RecordSizeLimit limit) {
        return new KafkaApplyOptions(groupId, maxBatchSize, pollTimeout, retryBackoffInitial, retryBackoffMax, maxRetries,
                schemaReadTimeout, groupInstanceId, limit);
    }

    /** These options with another retry policy. */
    public KafkaApplyOptions withRetries(int retries, Duration backoffInitial, Duration backoffMax) {
        return new KafkaApplyOptions(groupId, maxBatchSize, pollTimeout, backoffInitial, backoffMax, retries, schemaReadTimeout,
                groupInstanceId, recordLimit);
    }

    /** These options with static group membership under {@code id} ({@code group.instance.id}). */
    public KafkaApplyOptions withGroupInstanceId(String id) {
        return new KafkaApplyOptions(groupId, maxBatchSize, pollTimeout, retryBackoffInitial, retryBackoffMax, maxRetries,
                schemaReadTimeout, id, recordLimit);
    }
}
