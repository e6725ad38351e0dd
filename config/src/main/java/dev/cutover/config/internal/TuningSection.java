package dev.cutover.config.internal;

import dev.cutover.config.ByteSize;
import dev.cutover.config.TuningOptions;
import java.time.Duration;
import java.util.List;

/** The {@code tuning} section: declarations and assembly into {@link TuningOptions}. Stateless. */
final class TuningSection {

    static final Key<Duration> CAPTURE_POLL_INTERVAL = Key.withDefault("capture-poll-interval", Types.duration(),
            TuningOptions.DEFAULT_CAPTURE_POLL_INTERVAL,
            "How long the capture waits before polling the database log again; lower means less latency, more CPU.")
            .validatedBy(Validators.positiveDuration());
    static final Key<Integer> CAPTURE_BATCH_SIZE = Key.withDefault("capture-batch-size", Types.integer(),
            TuningOptions.DEFAULT_CAPTURE_BATCH_SIZE, "The most changes the capture hands over in one batch.")
            .validatedBy(Validators.positive());
    static final Key<Integer> APPLY_BATCH_SIZE = Key.withDefault("apply-batch-size", Types.integer(),
            TuningOptions.DEFAULT_APPLY_BATCH_SIZE, "The most changes the applier writes in one database transaction.")
            .validatedBy(Validators.positive());
    static final Key<Duration> HEARTBEAT_INTERVAL = Key.withDefault("heartbeat-interval", Types.duration(),
            TuningOptions.DEFAULT_HEARTBEAT_INTERVAL,
            "How often the capture records its position while the captured tables are idle, so the database can"
                    + " release old log.")
            .validatedBy(Validators.positiveDuration());

    static final Key<Duration> RETRY_BACKOFF_MAX = Key.withDefault("retry-backoff-max", Types.duration(),
            TuningOptions.DEFAULT_RETRY_BACKOFF_MAX,
            "The longest wait between two attempts to reach a database or the broker while it is down; the wait doubles"
                    + " up to it from a fraction of a second. Attempts never stop: the outage shows in /status and"
                    + " /health/ready until it ends.")
            .validatedBy(Validators.positiveDuration());
    static final Key<ByteSize> SLOT_RETAINED_WARN = Key.withDefault("slot-retained-warn", Types.byteSize(),
            TuningOptions.DEFAULT_SLOT_RETAINED_WARN,
            "How much log a capture's replication slot (MariaDB: its binlog position) may retain before the bridge warns"
                    + " and `cutover check` reports a problem.");
    static final Key<Duration> SLOT_PROBE_INTERVAL = Key.withDefault("slot-probe-interval", Types.duration(),
            TuningOptions.DEFAULT_SLOT_PROBE_INTERVAL,
            "How often the running bridge measures how much log each capture's position retains.")
            .validatedBy(Validators.positiveDuration());
    static final Key<Integer> LOAD_THREADS = Key.withDefault("load-threads", Types.integer(), TuningOptions.DEFAULT_LOAD_THREADS,
            "How many chunks of a table an initial load copies at once (PostgreSQL to PostgreSQL, one-way bindings), each"
                    + " on a connection to both databases; 0 for one per core, at least 2 and at most 4.")
            .validatedBy(Validators.range(0, 64));
    static final Key<Integer> LOAD_MAX_ROWS_PER_SECOND = Key.withDefault("load-max-rows-per-second", Types.integer(), 0,
            "The most rows per second an initial load reads from a database, to spare a busy legacy database; 0 for no"
                    + " limit. Changes keep streaming meanwhile.")
            .validatedBy(Validators.range(0, Integer.MAX_VALUE));

    static final Section SECTION = new Section("tuning", "Batching and polling knobs; the defaults suit most bridges.",
            List.of(CAPTURE_POLL_INTERVAL, CAPTURE_BATCH_SIZE, APPLY_BATCH_SIZE, HEARTBEAT_INTERVAL,
                    RETRY_BACKOFF_MAX, SLOT_RETAINED_WARN, SLOT_PROBE_INTERVAL, LOAD_THREADS, LOAD_MAX_ROWS_PER_SECOND));
    static final SectionType<TuningOptions> TYPE = SectionType.defaultedWhenAbsent(SECTION, TuningSection::assemble);

    private TuningSection() {
    }

    private static TuningOptions assemble(Values v) {
        return v.complete() ? new TuningOptions(v.get(CAPTURE_POLL_INTERVAL), v.get(CAPTURE_BATCH_SIZE),
                v.get(APPLY_BATCH_SIZE), v.get(HEARTBEAT_INTERVAL), v.get(RETRY_BACKOFF_MAX), v.get(SLOT_RETAINED_WARN),
                v.get(SLOT_PROBE_INTERVAL), v.get(LOAD_THREADS), v.get(LOAD_MAX_ROWS_PER_SECOND)) : null;
    }
}
