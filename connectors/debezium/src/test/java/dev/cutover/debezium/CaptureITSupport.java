package dev.cutover.debezium;

import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ChangeBatchHandler;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared set-up of the capture integration tests: a fresh database per test class, sources that
 * are closed after each test, and their slots and publications dropped (inactive slots retain WAL).
 */
abstract class CaptureITSupport {

    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    static PostgresTestDatabase db;

    @TempDir
    Path tempDir;

    private final List<PostgresCaptureSource> sources = new ArrayList<>();
    private final Map<String, CaptureOptions> captures = new LinkedHashMap<>();
    private final Map<PostgresCaptureSource, AtomicInteger> heartbeats = new ConcurrentHashMap<>();

    @BeforeAll
    static void createDatabase() {
        db = PostgresTestDatabase.create("cutover_debezium");
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
            db = null;
        }
    }

    /** Runs all statements in one transaction. */
    static void inTransaction(String... sql) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String statement : sql) {
                    s.execute(statement);
                }
            }
            c.commit();
        }
    }

    /** The first column of the first row, as text. */
    static String queryString(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @AfterEach
    void closeSourcesAndDropSlots() throws SQLException {
        sources.forEach(PostgresCaptureSource::close);
        sources.clear();
        heartbeats.clear();
        for (CaptureOptions options : captures.values()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> slot(options).map(s -> !s.active()).orElse(true));
            ReplicationSlots.dropAll(options);
        }
        captures.clear();
    }

    /** Options for a capture of {@code tables} (each keyed by {@code id}) with short intervals for tests. */
    CaptureOptions.Builder options(String bridge, String... tables) {
        CaptureOptions.Builder b = CaptureOptions.builder(bridge, SystemSide.LEGACY)
                .database(db.jdbcUrl(), db.user(), null)
                .offsetFile(tempDir.resolve(bridge + ".offsets"))
                .heartbeatInterval(Duration.ofMillis(500))
                .offsetFlushInterval(Duration.ofMillis(100))
                .shutdownTimeout(Duration.ofSeconds(20));
        for (String table : tables) {
            b.table(new TableId("public", table), "id");
        }
        return b;
    }

    PostgresCaptureSource start(CaptureOptions options, ChangeBatchHandler handler) {
        return start(options, handler, PipelineListener.NONE);
    }

    PostgresCaptureSource start(CaptureOptions options, ChangeBatchHandler handler, PipelineListener listener) {
        AtomicInteger beats = new AtomicInteger();
        PipelineListener counting = new PipelineListener() {
            @Override
            public void onHeartbeat(String system) {
                beats.incrementAndGet();
                listener.onHeartbeat(system);
            }

            @Override
            public void onSkipped(String binding, ChangeEvent event, String reason) {
                listener.onSkipped(binding, event, reason);
            }
        };
        PostgresCaptureSource source = new PostgresCaptureSource(options, counting);
        heartbeats.put(source, beats);
        sources.add(source);
        captures.put(options.slotName(), options);
        source.start(handler);
        return source;
    }

    /**
     * Starts a capture and waits until it streams: the change made by {@code markerSql} has
     * arrived (the first event after whatever the handler already holds).
     */
    PostgresCaptureSource startStreaming(CaptureOptions options, RecordingHandler handler, String markerSql) {
        int before = handler.events().size();
        PostgresCaptureSource source = start(options, handler);
        awaitStreaming(source);
        db.execute(markerSql);
        await().atMost(DELIVERY_TIMEOUT)
                .failFast("the capture failed", () -> source.failure() != null)
                .until(() -> handler.events().size() > before);
        return source;
    }

    /**
     * Waits for the first heartbeat, which Debezium sends only once it streams. An existing slot
     * is not enough: while PostgreSQL creates a slot it waits for running transactions (of any
     * database) and does not decode what commits before its consistent point.
     */
    void awaitStreaming(PostgresCaptureSource source) {
        await().atMost(DELIVERY_TIMEOUT)
                .failFast("the capture failed", () -> source.failure() != null)
                .until(() -> heartbeats.get(source).get() > 0);
    }

    static void awaitEvents(RecordingHandler handler, java.util.function.Predicate<List<ChangeEvent>> condition) {
        await().atMost(DELIVERY_TIMEOUT).until(() -> condition.test(handler.events()));
    }

    static void awaitEventCount(RecordingHandler handler, int count) {
        await().atMost(DELIVERY_TIMEOUT).until(() -> handler.events().size() >= count);
    }

    static void awaitSlotActive(CaptureOptions options) {
        await().atMost(DELIVERY_TIMEOUT).until(() -> slot(options).map(SlotState::active).orElse(false));
    }

    static Optional<SlotState> slot(CaptureOptions options) throws SQLException {
        return ReplicationSlots.describe(options.jdbcUrl(), options.user(), options.password(), options.slotName());
    }
}
