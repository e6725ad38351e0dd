package dev.cutover.runtime.batch;

import dev.cutover.core.batch.BatchSpec;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.pipeline.spi.ChangePublisher;
import dev.cutover.core.pipeline.spi.DeadLetterSink;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.runtime.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one batch binding's copies on its schedule, on its own thread {@code cutover-<binding>-batch}:
 * the first at {@link #start}, each next one at the schedule's first time after the previous copy
 * ended (cron expressions in UTC), so copies never overlap. A failed copy is logged, counted and
 * shown in {@link #status}; the next scheduled copy tries again (an incremental copy from the
 * last stored watermark). {@link #stop} signals, {@link #awaitStop} waits. Thread-safe.
 */
public final class BatchScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(BatchScheduler.class);

    private final String binding;
    private final BatchSpec spec;
    private final BatchCopier copier;
    private final Clock clock;
    private final AtomicReference<BatchRun> lastRun = new AtomicReference<>();
    private final AtomicReference<Instant> nextRun = new AtomicReference<>();
    private final Timer duration;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter skippedPaused;
    private final Object wake = new Object();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean paused;

    BatchScheduler(String binding, BatchSpec spec, BatchCopier copier, Clock clock, MeterRegistry registry) {
        this.binding = binding;
        this.spec = spec;
        this.copier = copier;
        this.clock = clock;
        Gauge.builder(MetricNames.BATCH_RUN_ROWS, lastRun, r -> r.get() == null ? 0 : r.get().rows())
                .description("Source rows the last copy of a batch binding read").baseUnit("rows")
                .tag(MetricNames.TAG_BINDING, binding).register(registry);
        this.duration = Timer.builder(MetricNames.BATCH_RUN_DURATION).description("How long each copy of a batch binding took")
                .tag(MetricNames.TAG_BINDING, binding).register(registry);
        this.succeeded = runs(registry, MetricNames.OUTCOME_SUCCEEDED);
        this.failed = runs(registry, MetricNames.OUTCOME_FAILED);
        this.skippedPaused = runs(registry, MetricNames.OUTCOME_SKIPPED_PREFIX + "paused");
        this.thread = new Thread(this::loop, "cutover-" + binding + "-batch");
        thread.setDaemon(true);
    }

    /**
     * Creates and starts the scheduler of one batch binding; its first copy begins at once.
     *
     * @param binding the binding's name
     * @param source the side whose table is copied
     * @param target the schema the binding's route writes on the other side
     * @param dataDir where the watermark of an incremental copy is kept, under {@code batch/}
     * @param publisher the bridge's publisher, shared with the stream bindings
     * @param paused whether it starts paused (see {@link #pause})
     * @param bulk how a full copy is done in bulk; null to copy through Kafka
     */
    public static BatchScheduler start(String binding, BatchSpec spec, TableMapping mapping, SystemSide source,
            TableSchema target, JdbcConnectionFactory sourceDb, JdbcConnectionFactory targetDb, Path dataDir,
            ChangePublisher publisher, DeadLetterSink deadLetters, PipelineListener listener, Clock clock,
            MeterRegistry registry, boolean paused, BulkFullCopy bulk) {
        BatchCopier copier = new BatchCopier(binding, mapping, source, target, spec,
                new BatchTableReader(sourceDb, spec.pageSize()), new BatchTableReader(targetDb, spec.pageSize()),
                new WatermarkStore(dataDir, binding), publisher, deadLetters, listener, clock).inBulk(bulk);
        BatchScheduler scheduler = new BatchScheduler(binding, spec, copier, clock, registry);
        scheduler.pause(paused);
        scheduler.start();
        return scheduler;
    }

    private Counter runs(MeterRegistry registry, String outcome) {
        return Counter.builder(MetricNames.BATCH_RUNS).description("Copies of a batch binding by outcome").baseUnit("runs")
                .tag(MetricNames.TAG_BINDING, binding).tag(MetricNames.TAG_OUTCOME, outcome).register(registry);
    }

    /** Starts the thread; the first copy begins at once. */
    void start() {
        thread.start();
    }

    /** Asks the thread to stop after the copy in progress, if any; returns at once. */
    public void stop() {
        stopping = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /**
     * Waits up to {@code timeout} for the thread to end, then interrupts a copy still running; its
     * watermark stays where the last finished copy put it.
     */
    public void awaitStop(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(5_000);
        }
    }

    /**
     * Pauses or resumes the schedule: while paused, a copy that falls due is skipped (counted as
     * {@code skipped_paused}), since its records would only wait with the binding's; the copy in
     * progress, if any, finishes. The next one due after a resume copies everything that changed.
     */
    public void pause(boolean pause) {
        this.paused = pause;
    }

    private void loop() {
        long sequence = 0;
        while (!stopping) {
            if (paused) {
                skippedPaused.increment();
                LOG.info("Batch binding '{}' is paused: the copy due now is skipped", binding);
            } else {
                runOnce(clock.instant().toEpochMilli() + "-" + ++sequence);
            }
            ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            Instant next = spec.schedule().nextAfter(now).toInstant();
            nextRun.set(next);
            if (!waitUntil(next)) {
                return;
            }
        }
    }

    private void runOnce(String runId) {
        Instant started = clock.instant();
        nextRun.set(null);
        try {
            BatchRun run = copier.run(runId);
            lastRun.set(run);
            duration.record(run.duration());
            succeeded.increment();
            LOG.info("Batch binding '{}' run {}: {} rows, {} deletes, {} dead-lettered in {} ms", binding, runId, run.rows(),
                    run.deletes(), run.deadLettered(), run.duration().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } catch (Exception | LinkageError e) {
            BatchRun run = new BatchRun(runId, started, clock.instant(), 0, 0, 0, e.toString());
            lastRun.set(run);
            duration.record(run.duration());
            failed.increment();
            LOG.error("Batch binding '{}' run {} failed; the next scheduled copy tries again: {}", binding, runId,
                    e.toString(), e);
        }
    }

    /** False when asked to stop before {@code next}. */
    private boolean waitUntil(Instant next) {
        synchronized (wake) {
            while (!stopping) {
                long millis = Duration.between(clock.instant(), next).toMillis();
                if (millis <= 0) {
                    return true;
                }
                try {
                    wake.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }
    }

    /** What {@code /status} shows of the schedule and the last copy. */
    public Map<String, Object> status() {
        BatchRun run = lastRun.get();
        Instant next = nextRun.get();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schedule", spec.schedule().text());
        doc.put("copy", spec.incremental() ? "incremental by " + spec.watermark() : "full");
        doc.put("running", next == null && thread.isAlive());
        doc.put("paused", paused);
        doc.put("nextRun", next == null ? null : next.toString());
        doc.put("lastRunStarted", run == null ? null : run.started().toString());
        doc.put("lastRunFinished", run == null ? null : run.finished().toString());
        doc.put("lastRunMillis", run == null ? null : run.duration().toMillis());
        doc.put("lastRunRows", run == null ? null : run.rows());
        doc.put("lastRunDeletes", run == null ? null : run.deletes());
        doc.put("lastRunDeadLettered", run == null ? null : run.deadLettered());
        doc.put("lastRunError", run == null ? null : run.error());
        return doc;
    }
}
