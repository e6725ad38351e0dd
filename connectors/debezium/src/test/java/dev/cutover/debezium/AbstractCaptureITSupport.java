package dev.cutover.debezium;

import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ChangeBatchHandler;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the capture integration tests of every database share: options with short intervals for
 * tests, sources that count their heartbeats and are closed after each test, and waiting for
 * delivery. A subclass per database makes the database (per test class) and the sources. Its
 * public methods are those the scenario interfaces ({@link CaptureRestartScenarios},
 * {@link CaptureEchoScenarios}) build on.
 *
 * @param <S> the database's capture source
 */
abstract class AbstractCaptureITSupport<S extends DebeziumCaptureSource> {

    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path tempDir;

    private final List<S> sources = new ArrayList<>();
    private final Map<String, CaptureOptions> captures = new LinkedHashMap<>();
    private final Map<S, AtomicInteger> heartbeats = new ConcurrentHashMap<>();

    /** This class's database. */
    public abstract TestDatabase database();

    /** The id of a table of the test database. */
    public abstract TableId tableId(String name);

    /** Sets the test database's URL and credentials on {@code builder}. */
    abstract CaptureOptions.Builder connectTo(CaptureOptions.Builder builder);

    abstract S newSource(CaptureOptions options, PipelineListener listener);

    /** Cleans up after the sources of a test are closed, for the captures they ran (one per slot name). */
    void afterSourcesClosed(Collection<CaptureOptions> captures) throws SQLException {
    }

    @AfterEach
    void closeSources() throws SQLException {
        sources.forEach(DebeziumCaptureSource::close);
        sources.clear();
        heartbeats.clear();
        afterSourcesClosed(List.copyOf(captures.values()));
        captures.clear();
    }

    /** Runs all statements in one transaction. */
    public void inTransaction(String... sql) throws SQLException {
        try (Connection c = database().connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String statement : sql) {
                    s.execute(statement);
                }
            }
            c.commit();
        }
    }

    /** Options for a capture of {@code tables} of the test database (each keyed by {@code id}) with short intervals for tests. */
    public CaptureOptions.Builder options(String bridge, String... tables) {
        CaptureOptions.Builder b = connectTo(CaptureOptions.builder(bridge, SystemSide.LEGACY).pollInterval(Duration.ofMillis(50)).maxBatchSize(2048).heartbeatInterval(Duration.ofSeconds(10)))
                .offsetFile(tempDir.resolve(bridge + ".offsets"))
                .heartbeatInterval(Duration.ofMillis(500))
                .offsetFlushInterval(Duration.ofMillis(100))
                .shutdownTimeout(Duration.ofSeconds(20));
        for (String table : tables) {
            b.table(tableId(table), "id");
        }
        return b;
    }

    public S start(CaptureOptions options, ChangeBatchHandler handler) {
        return start(options, handler, PipelineListener.NONE);
    }

    public S start(CaptureOptions options, ChangeBatchHandler handler, PipelineListener listener) {
        AtomicInteger beats = new AtomicInteger();
        PipelineListener counting = new PipelineListener() {
            @Override
            public void onHeartbeat(String system) {
                beats.incrementAndGet();
                listener.onHeartbeat(system);
            }
        };
        // The capture tells its handler of the changes it drops; the scenarios hear of them as a pipeline
        // would report a table no binding reads, under its schema.table.
        ChangeBatchHandler reportingSkips = new ChangeBatchHandler() {
            @Override
            public void onBatch(List<ChangeEvent> events) throws Exception {
                handler.onBatch(events);
            }

            @Override
            public void onSkipped(ChangeEvent event, String reason) {
                listener.onSkipped(event.table().toString(), event, reason);
            }
        };
        S source = newSource(options, counting);
        heartbeats.put(source, beats);
        sources.add(source);
        captures.put(options.slotName(), options);
        source.start(reportingSkips);
        return source;
    }

    /**
     * Waits for the first heartbeat, which Debezium sends only once it streams: a change committed
     * after that arrives. (An existing PostgreSQL slot is not enough: while PostgreSQL creates a
     * slot it waits for running transactions of any database and does not decode what commits
     * before its consistent point; MariaDB streams from the binlog position recorded at start.)
     */
    public void awaitStreaming(S source) {
        await().atMost(DELIVERY_TIMEOUT)
                .failFast("the capture failed", () -> source.failure() != null)
                .until(() -> heartbeats.get(source).get() > 0);
    }

    static void awaitEvents(RecordingHandler handler, Predicate<List<ChangeEvent>> condition) {
        await().atMost(DELIVERY_TIMEOUT).until(() -> condition.test(handler.events()));
    }

    static void awaitEventCount(RecordingHandler handler, int count) {
        await().atMost(DELIVERY_TIMEOUT).until(() -> handler.events().size() >= count);
    }
}
