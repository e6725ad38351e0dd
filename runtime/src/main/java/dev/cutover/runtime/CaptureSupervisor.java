package dev.cutover.runtime;

import dev.cutover.core.pipeline.spi.ChangeBatchHandler;
import dev.cutover.core.retry.Backoff;
import dev.cutover.core.retry.Outage;
import dev.cutover.debezium.DebeziumCaptureSource;
import dev.cutover.runtime.Causes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one database's capture running through outages. A {@link DebeziumCaptureSource} stops for
 * good at its first failure; when the failure is transient (the database or the broker down, see
 * {@link TransientFailures}) the supervisor starts a new source on the same stored position after a
 * capped exponential backoff, for as long as it takes, and reports the {@link #outage()} meanwhile.
 * A restart replays at most what was not yet acknowledged, which the idempotent appliers absorb.
 * Any other failure is final: {@link #failure()} is set and the supervisor stops.
 *
 * <p>An outage ends once the restarted source streams again (a heartbeat or a change came through
 * after the restart), as {@code lastStreamed} tells. A source that has not failed but has sent
 * nothing for longer than {@code stallAfter} counts as an outage too, a silence: heartbeats come
 * every few seconds from a capture that streams. Thread-safe; {@link #close} is idempotent.
 */
final class CaptureSupervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureSupervisor.class);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private final String name;
    private final Supplier<DebeziumCaptureSource> sources;
    private final ChangeBatchHandler handler;
    private final Backoff backoff;
    private final Supplier<Instant> lastStreamed;
    private final Duration stallAfter;
    private final Clock clock;
    private final Consumer<Throwable> onFailure;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile DebeziumCaptureSource current;
    private volatile Instant startedAt;
    private volatile Outage outage;
    private volatile Throwable failure;
    private final AutoCloseable companion;

    /**
     * @param name the capture's name, for the log and the thread
     * @param sources makes a new, unstarted source on the capture's stored position
     * @param companion closed with the capture: what its sources share, such as their bulk loads
     * @param handler what every source hands its batches to
     * @param backoff the delays between restarts
     * @param lastStreamed when the capture last showed it streams (a heartbeat or a change); null before
     * @param stallAfter how long a running source may be silent before it counts as down
     * @param onFailure told, once, of the failure that stops the capture for good (on the supervisor's thread)
     */
    CaptureSupervisor(String name, Supplier<DebeziumCaptureSource> sources, AutoCloseable companion, ChangeBatchHandler handler,
            Backoff backoff, Supplier<Instant> lastStreamed, Duration stallAfter, Clock clock, Consumer<Throwable> onFailure) {
        this.name = Objects.requireNonNull(name, "name");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.companion = Objects.requireNonNull(companion, "companion");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.lastStreamed = Objects.requireNonNull(lastStreamed, "lastStreamed");
        this.stallAfter = Objects.requireNonNull(stallAfter, "stallAfter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        this.thread = new Thread(this::supervise, "cutover-" + name + "-supervisor");
        this.thread.setDaemon(true);
    }

    /** Starts the first source, then watches it on the supervisor's own thread. */
    void start() {
        startSource();
        thread.start();
    }

    /** Starts a new source, unless closing began: a source started after close would never be stopped. */
    private synchronized void startSource() {
        if (closing.getCount() == 0) {
            return;
        }
        DebeziumCaptureSource source = sources.get();
        current = source;
        startedAt = clock.instant();
        source.start(handler);
    }

    private void supervise() {
        try {
            while (closing.getCount() > 0) {
                DebeziumCaptureSource source = current;
                if (!source.awaitStop(CHECK_INTERVAL)) {
                    continue;
                }
                if (closing.getCount() == 0) {
                    return;
                }
                Throwable cause = source.failure();
                if (cause != null && !TransientFailures.isTransient(cause)) {
                    fail(cause);
                    return;
                }
                if (!waitBeforeRestart(cause)) {
                    return;
                }
                startSource();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("capture {}: its supervisor failed", name, e);
            fail(e);
        }
    }

    private void fail(Throwable cause) {
        failure = cause;
        onFailure.accept(cause);
    }

    /** Records the outage and waits out its delay; false when asked to close meanwhile. */
    private boolean waitBeforeRestart(Throwable cause) throws InterruptedException {
        Outage previous = streamedSinceStart() ? null : outage;
        String why = cause == null ? "the capture stopped by itself" : Causes.oneLine(cause);
        int attempt = previous == null ? 1 : previous.attempts() + 1;
        Duration delay = backoff.delay(attempt);
        Instant now = clock.instant();
        outage = Outage.next(previous, why, now, now.plus(delay));
        LOG.warn("capture {} lost its source (attempt {}, failing since {}); starting it again in {} ms: {}", name, attempt,
                outage.since(), delay.toMillis(), why);
        return !closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean streamedSinceStart() {
        Instant streamed = lastStreamed.get();
        Instant started = startedAt;
        return streamed != null && started != null && streamed.isAfter(started);
    }

    /** When the source running now started; null before {@link #start}. */
    Instant engineStartedAt() {
        return startedAt;
    }

    /** The source running now (or the one that stopped last); null before {@link #start}. */
    DebeziumCaptureSource current() {
        return current;
    }

    /**
     * Why the capture is not streaming: it is being restarted, or it has been silent too long;
     * null while it streams.
     */
    Outage outage() {
        Outage o = outage;
        if (o != null && !streamedSinceStart()) {
            return o;
        }
        Instant started = startedAt;
        return started == null ? null : silence(lastStreamed.get(), started, clock.instant(), stallAfter);
    }

    /**
     * A silence when neither a heartbeat nor a change came for longer than {@code stallAfter},
     * counted from the later of the last one and the source's start; otherwise null.
     */
    static Outage silence(Instant lastStreamed, Instant startedAt, Instant now, Duration stallAfter) {
        Instant since = lastStreamed == null || lastStreamed.isBefore(startedAt) ? startedAt : lastStreamed;
        Duration silent = Duration.between(since, now);
        if (silent.compareTo(stallAfter) <= 0) {
            return null;
        }
        return Outage.silence("no heartbeat or change for " + silent.toSeconds() + " s (the capture reports one every few seconds"
                + " while it streams): its database or the broker may be unreachable", since);
    }

    /** The failure that stopped the capture for good (one that a restart cannot cure); null otherwise. */
    Throwable failure() {
        return failure;
    }

    /** Stops the source in hand (it commits what was acknowledged) and the supervision. */
    @Override
    public void close() {
        DebeziumCaptureSource source;
        synchronized (this) {
            closing.countDown();
            source = current;
        }
        if (source != null) {
            source.close();
        }
        try {
            companion.close();
        } catch (Exception e) {
            LOG.warn("capture {}: closing what its sources share failed: {}", name, e.toString());
        }
        try {
            thread.join(CHECK_INTERVAL.multipliedBy(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the running source to write a heartbeat row now (see {@link DebeziumCaptureSource#beat()}). */
    void beat() {
        DebeziumCaptureSource source = current;
        if (source != null) {
            source.beat();
        }
    }

    /**
     * Writes a heartbeat row now and waits, up to {@code timeout}, until it came back through the
     * stream: the log delivers it after everything committed before it, so all of that is then
     * published, even on idle tables.
     *
     * @return true when the row came back in time
     */
    boolean beatAndAwait(Duration timeout) throws InterruptedException {
        Instant asked = Instant.now();
        beat();
        long until = System.nanoTime() + timeout.toNanos();
        while (!cameBack(lastHeartbeatRow(), asked)) {
            if (System.nanoTime() >= until) {
                return false;
            }
            Thread.sleep(20); // polled: nothing signals the row's return
        }
        return true;
    }

    private static boolean cameBack(Instant lastRow, Instant asked) {
        return lastRow != null && !lastRow.isBefore(asked);
    }

    /** When a heartbeat row last came through the running source's stream; null before one did. */
    Instant lastHeartbeatRow() {
        DebeziumCaptureSource source = current;
        return source == null ? null : source.lastHeartbeatRow();
    }

    /**
     * Once closed, releases the capture's place in its database's log (see
     * {@link DebeziumCaptureSource#retire()}): no binding captures this database any more.
     */
    String retire() throws Exception {
        DebeziumCaptureSource source = current;
        if (source == null) {
            return "the capture never started: nothing to release";
        }
        return source.retire();
    }
}
