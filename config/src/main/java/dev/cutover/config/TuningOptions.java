package dev.cutover.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Batching and polling knobs of the pipeline. Immutable and thread-safe.
 *
 * @param capturePollInterval how long the capture waits before polling the database log again; positive
 * @param captureBatchSize the most changes the capture hands over at once; positive
 * @param applyBatchSize the most changes the applier writes in one transaction; positive
 * @param heartbeatInterval how often the capture records its position while tables are idle; positive
 * @param retryBackoffMax the longest wait between two attempts to reach a database or the broker
 *     that is down; the wait doubles from a fraction of a second up to it, and attempts never stop
 * @param slotRetainedWarn how much log a capture's position may retain on its database before the
 *     bridge warns and {@code cutover check} reports a problem; not null
 * @param slotProbeInterval how often the running bridge measures what each capture's position retains; positive
 * @param loadThreads how many chunks of a table an initial load copies at once; 0 for one per core (2 to 4)
 * @param loadMaxRowsPerSecond the most rows per second an initial load reads from a database; 0 for no limit
 */
public record TuningOptions(Duration capturePollInterval, int captureBatchSize, int applyBatchSize, Duration heartbeatInterval,
        Duration retryBackoffMax, ByteSize slotRetainedWarn, Duration slotProbeInterval, int loadThreads, int loadMaxRowsPerSecond) {

    /** 50 ms: Debezium's own 500 ms default adds half a second of latency to every change. */
    public static final Duration DEFAULT_CAPTURE_POLL_INTERVAL = Duration.ofMillis(50);
    public static final int DEFAULT_CAPTURE_BATCH_SIZE = 4096;
    public static final int DEFAULT_APPLY_BATCH_SIZE = 2000;
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
    /** 30 s: an outage is noticed within half a minute of its end, without hammering a database that is starting. */
    public static final Duration DEFAULT_RETRY_BACKOFF_MAX = Duration.ofSeconds(30);
    /** 1 GiB: far beyond what a running capture retains, well before a disk of a few GiB fills. */
    public static final ByteSize DEFAULT_SLOT_RETAINED_WARN = ByteSize.parse("1GiB");
    public static final Duration DEFAULT_SLOT_PROBE_INTERVAL = Duration.ofSeconds(15);
    /** 0: one per core, at least 2 (a chunk's reading and writing overlap) and at most 4. */
    public static final int DEFAULT_LOAD_THREADS = 0;

    public TuningOptions {
        requirePositive(capturePollInterval, "capturePollInterval");
        requirePositive(heartbeatInterval, "heartbeatInterval");
        requirePositive(retryBackoffMax, "retryBackoffMax");
        requirePositive(slotProbeInterval, "slotProbeInterval");
        Objects.requireNonNull(slotRetainedWarn, "slotRetainedWarn");
        if (loadThreads < 0 || loadMaxRowsPerSecond < 0) {
            throw new IllegalArgumentException("loadThreads and loadMaxRowsPerSecond must not be negative, got "
                    + loadThreads + " and " + loadMaxRowsPerSecond);
        }
        if (captureBatchSize <= 0 || applyBatchSize <= 0) {
            throw new IllegalArgumentException("batch sizes must be positive, got captureBatchSize=" + captureBatchSize
                    + ", applyBatchSize=" + applyBatchSize);
        }
    }

    /** Every knob at its default. */
    public static TuningOptions defaults() {
        return new TuningOptions(DEFAULT_CAPTURE_POLL_INTERVAL, DEFAULT_CAPTURE_BATCH_SIZE, DEFAULT_APPLY_BATCH_SIZE,
                DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_RETRY_BACKOFF_MAX, DEFAULT_SLOT_RETAINED_WARN, DEFAULT_SLOT_PROBE_INTERVAL,
                DEFAULT_LOAD_THREADS, 0);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
