package dev.cutover.debezium;

import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ChangeBatchHandler;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared set-up of the MariaDB capture integration tests: a fresh database per test class on the
 * machine's MariaDB (binlog enabled by {@code .ci/prepare-databases}), and sources that are closed
 * after each test. The binlog keeps no state per reader, so nothing else needs cleaning up.
 */
abstract class MariaDbCaptureITSupport {

    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    static MariaDbTestDatabase db;

    @TempDir
    Path tempDir;

    private final List<MariaDbCaptureSource> sources = new ArrayList<>();
    private final Map<MariaDbCaptureSource, AtomicInteger> heartbeats = new ConcurrentHashMap<>();

    @BeforeAll
    static void createDatabase() {
        db = MariaDbTestDatabase.create("cutover_debezium_maria");
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
            db = null;
        }
    }

    @AfterEach
    void closeSources() {
        sources.forEach(MariaDbCaptureSource::close);
        sources.clear();
        heartbeats.clear();
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

    /** Options for a capture of {@code tables} of the test database (each keyed by {@code id}) with short intervals for tests. */
    CaptureOptions.Builder options(String bridge, String... tables) {
        CaptureOptions.Builder b = CaptureOptions.builder(bridge, SystemSide.LEGACY)
                .database(db.jdbcUrl(), db.user(), db.password())
                .offsetFile(tempDir.resolve(bridge + ".offsets"))
                .heartbeatInterval(Duration.ofMillis(500))
                .offsetFlushInterval(Duration.ofMillis(100))
                .shutdownTimeout(Duration.ofSeconds(20));
        for (String table : tables) {
            b.table(new TableId(db.name(), table), "id");
        }
        return b;
    }

    MariaDbCaptureSource start(CaptureOptions options, ChangeBatchHandler handler) {
        return start(options, handler, PipelineListener.NONE);
    }

    MariaDbCaptureSource start(CaptureOptions options, ChangeBatchHandler handler, PipelineListener listener) {
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
        MariaDbCaptureSource source = new MariaDbCaptureSource(options, counting);
        heartbeats.put(source, beats);
        sources.add(source);
        source.start(handler);
        return source;
    }

    /**
     * Waits for the first heartbeat, which Debezium sends only once it streams from the binlog
     * position it recorded at start: a change committed after that arrives.
     */
    void awaitStreaming(MariaDbCaptureSource source) {
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

    /** {@code db.table} quoted for MariaDB. */
    static String table(String name) {
        return "`" + db.name() + "`.`" + name + "`";
    }
}
