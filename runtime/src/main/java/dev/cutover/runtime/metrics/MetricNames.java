package dev.cutover.runtime.metrics;

/**
 * Every meter Cutover registers, in one place. Names are lowercase dotted words under
 * {@code cutover.}; Prometheus shows them with underscores and unit suffixes (shown in each doc).
 * Tags are {@code binding}, {@code direction}, {@code outcome}, {@code system}, never row values.
 */
public final class MetricNames {

    /** Counter of changes by binding, direction and outcome. Prometheus: {@code cutover_events_total}. */
    public static final String EVENTS = "cutover.events";

    /**
     * Timer of source commit to target commit, per binding and direction, with percentiles.
     * Prometheus: {@code cutover_replication_lag_seconds}.
     */
    public static final String REPLICATION_LAG = "cutover.replication.lag";

    /**
     * Gauge of how long after its source commit the newest captured change was captured, per
     * source system; zero after a heartbeat with nothing pending. Prometheus: {@code cutover_capture_lag_seconds}.
     */
    public static final String CAPTURE_LAG = "cutover.capture.lag";

    /** Gauge of records the applier has yet to consume, per target system. Prometheus: {@code cutover_consumer_lag_records}. */
    public static final String CONSUMER_LAG = "cutover.consumer.lag";

    /** Gauge of seconds since the newest source heartbeat, per system. Prometheus: {@code cutover_capture_heartbeat_age_seconds}. */
    public static final String HEARTBEAT_AGE = "cutover.capture.heartbeat.age";

    /**
     * Gauge of the bytes of log the capture's position keeps its database from discarding, per
     * source system: WAL from the replication slot's {@code restart_lsn} on PostgreSQL, binlog from
     * the stored position on MariaDB; NaN until first measured. Prometheus: {@code cutover_capture_slot_retained_bytes}.
     */
    public static final String SLOT_RETAINED = "cutover.capture.slot.retained";

    /**
     * Counter of conflicts met by the appliers of two-way bindings, by binding, target system,
     * policy, kind and decision. Prometheus: {@code cutover_conflicts_total}.
     */
    public static final String CONFLICTS = "cutover.conflicts";

    /** Gauge of conflicts waiting for a person. Prometheus: {@code cutover_conflicts_open}. */
    public static final String CONFLICTS_OPEN = "cutover.conflicts.open";

    /** Gauge of open dead letters per binding. Prometheus: {@code cutover_deadletters_open}. */
    public static final String DEADLETTERS_OPEN = "cutover.deadletters.open";

    /**
     * Counter of copies of batch bindings, by binding and outcome ({@code succeeded} or {@code failed}).
     * Prometheus: {@code cutover_batch_runs_total}.
     */
    public static final String BATCH_RUNS = "cutover.batch.runs";

    /** Timer of how long each copy of a batch binding took. Prometheus: {@code cutover_batch_run_duration_seconds}. */
    public static final String BATCH_RUN_DURATION = "cutover.batch.run.duration";

    /** Gauge of source rows the last copy of a batch binding read. Prometheus: {@code cutover_batch_run_rows}. */
    public static final String BATCH_RUN_ROWS = "cutover.batch.run.rows";

    /**
     * Gauge per binding, the system it writes ({@code none} for a binding that syncs nothing) and
     * state: 1 for the state it is in, 0 for the others.
     */
    public static final String BINDING_STATE = "cutover.binding.state";

    /** Tag: binding name. */
    public static final String TAG_BINDING = "binding";
    /** Tag: direction label, e.g. {@code legacy-to-new}. */
    public static final String TAG_DIRECTION = "direction";
    /** Tag: what happened to a change. */
    public static final String TAG_OUTCOME = "outcome";
    /** Tag: {@code legacy} or {@code new}. */
    public static final String TAG_SYSTEM = "system";

    /** Tag: a binding's state, e.g. {@code streaming}. */
    public static final String TAG_STATE = "state";
    /** Tag: a conflict policy, e.g. {@code newest-wins}. */
    public static final String TAG_POLICY = "policy";
    /** Tag: what a conflict resolution decided, e.g. {@code applied_incoming}. */
    public static final String TAG_DECISION = "decision";
    /** Tag: how a change and the target row disagreed, e.g. {@code update_changed}. */
    public static final String TAG_KIND = "kind";

    /** Outcome: captured from the source log. */
    public static final String OUTCOME_CAPTURED = "captured";
    /** Outcome: published to Kafka and acknowledged. */
    public static final String OUTCOME_PUBLISHED = "published";
    /** Outcome: committed to the target database. */
    public static final String OUTCOME_APPLIED = "applied";
    /** Outcome: parked in the dead-letter topic. */
    public static final String OUTCOME_DEAD_LETTERED = "dead_lettered";
    /** Outcome: waiting behind a parked conflict or an open dead letter of its key (stored in that log). */
    public static final String OUTCOME_HELD = "held";
    /** Outcome: captured while its binding is paused for schema drift, and held (on {@code <bridge>._held}) until a restart with a fixed configuration. */
    public static final String OUTCOME_HELD_DRIFT = "held_drift";
    /** Outcome: dropped by the capture as an echo of this bridge's own applier ({@code skipped_echo}). */
    public static final String OUTCOME_ECHO_SKIPPED = "skipped_echo";
    /** Outcome of a batch copy: every row published and acknowledged. */
    public static final String OUTCOME_SUCCEEDED = "succeeded";
    /** Outcome of a batch copy: stopped by an error; the next scheduled copy tries again. */
    public static final String OUTCOME_FAILED = "failed";
    /** Outcome prefix: deliberately skipped; the reason follows, e.g. {@code skipped_unbound_table}. */
    public static final String OUTCOME_SKIPPED_PREFIX = "skipped_";

    private MetricNames() {
    }
}
