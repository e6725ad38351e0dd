package dev.cutover.debezium;

import static dev.cutover.debezium.AbstractCaptureITSupport.DELIVERY_TIMEOUT;
import static dev.cutover.debezium.AbstractCaptureITSupport.awaitEventCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.pipeline.spi.ChangeBatchHandler;
import dev.cutover.testkit.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link RetainedLogProbe} must tell of every capture, as a JUnit test interface: nothing
 * before the capture has a position, log that grows with every write (to any table) while the
 * capture is stopped, and little once it runs again and has caught up. A database's IT implements
 * it next to its {@link AbstractCaptureITSupport}, which provides the abstract methods.
 *
 * @param <S> the database's capture source
 */
interface CaptureRetentionScenarios<S extends DebeziumCaptureSource> {

    /** Rows of {@value #PAYLOAD} bytes written in each round while the capture is stopped. */
    int ROWS = 500;
    int PAYLOAD = 1000;
    /** What a caught-up capture may still retain: less than one round of writes. */
    long CAUGHT_UP = ROWS * PAYLOAD / 2;

    TestDatabase database();

    CaptureOptions.Builder options(String bridge, String... tables);

    S start(CaptureOptions options, ChangeBatchHandler handler);

    void awaitStreaming(S source);

    @BeforeEach
    default void createTables() {
        database().execute("DROP TABLE IF EXISTS retained", "DROP TABLE IF EXISTS uncaptured",
                "CREATE TABLE retained (id int PRIMARY KEY)", "CREATE TABLE uncaptured (id int PRIMARY KEY, payload varchar(2000))");
    }

    @Test
    default void stoppedCaptureRetainsLogThatGrowsWithEveryWriteAndShrinksOnceItCaughtUp() throws Exception {
        CaptureOptions options = options("retention", "retained").snapshotMode(SnapshotMode.NO_DATA).build();
        RetainedLogProbe probe = RetainedLogProbe.of(options);
        assertThat(measure(probe)).as("retained before the capture ever ran").isEmpty();

        RecordingHandler handler = new RecordingHandler();
        S source = start(options, handler);
        awaitStreaming(source);
        database().execute("INSERT INTO retained VALUES (1)");
        awaitEventCount(handler, 1);
        await().atMost(DELIVERY_TIMEOUT).until(() -> measure(probe).isPresent());
        source.stop();
        assertThat(source.awaitStop(Duration.ofSeconds(30))).isTrue();
        long atStop = measure(probe).orElseThrow().bytes();

        writeUncapturedRows(1);
        RetainedLog afterOneRound = measure(probe).orElseThrow();
        assertThat(afterOneRound.bytes()).as("retained after %d bytes written to an uncaptured table: %s", ROWS * PAYLOAD,
                afterOneRound).isGreaterThanOrEqualTo(atStop + ROWS * PAYLOAD);
        writeUncapturedRows(ROWS + 1);
        assertThat(measure(probe).orElseThrow().bytes()).as("retained after a second round")
                .isGreaterThanOrEqualTo(afterOneRound.bytes() + ROWS * PAYLOAD);

        awaitStreaming(start(options, new RecordingHandler()));
        // PostgreSQL moves restart_lsn on the next running-transactions record after a confirmed
        // position, which the background writer logs every 15 s at most.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> measure(probe).orElseThrow().bytes() < CAUGHT_UP);
    }

    private Optional<RetainedLog> measure(RetainedLogProbe probe) throws Exception {
        try (Connection c = database().connect()) {
            return probe.measure(c);
        }
    }

    /** Writes {@link #ROWS} rows, ids from {@code firstId}, each in its own transaction. */
    private void writeUncapturedRows(int firstId) {
        database().execute(IntStream.range(firstId, firstId + ROWS)
                .mapToObj(i -> "INSERT INTO uncaptured VALUES (" + i + ", repeat('x', " + PAYLOAD + "))").toArray(String[]::new));
    }
}
