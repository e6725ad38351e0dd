package dev.cutover.debezium;

import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.testkit.TestDatabase;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Shared set-up of the PostgreSQL capture integration tests: a fresh database per test class, and
 * the slots and publications of each test's captures dropped once their sources are closed
 * (inactive slots retain WAL).
 */
abstract class CaptureITSupport extends AbstractCaptureITSupport<PostgresCaptureSource> {

    static PostgresTestDatabase db;

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

    @Override
    public TestDatabase database() {
        return db;
    }

    @Override
    public TableId tableId(String name) {
        return new TableId("public", name);
    }

    @Override
    CaptureOptions.Builder connectTo(CaptureOptions.Builder builder) {
        return builder.database(db.jdbcUrl(), db.user(), null);
    }

    @Override
    PostgresCaptureSource newSource(CaptureOptions options, PipelineListener listener) {
        return new PostgresCaptureSource(options, listener);
    }

    @Override
    void afterSourcesClosed(Collection<CaptureOptions> captures) throws SQLException {
        for (CaptureOptions options : captures) {
            await().atMost(Duration.ofSeconds(10)).until(() -> slot(options).map(s -> !s.active()).orElse(true));
            ReplicationSlots.dropAll(options);
        }
    }

    /** The first column of the first row, as text. */
    static String queryString(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
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

    static void awaitSlotActive(CaptureOptions options) {
        await().atMost(DELIVERY_TIMEOUT).until(() -> slot(options).map(SlotState::active).orElse(false));
    }

    static Optional<SlotState> slot(CaptureOptions options) throws SQLException {
        return ReplicationSlots.describe(options.jdbcUrl(), options.user(), options.password(), options.slotName());
    }
}
