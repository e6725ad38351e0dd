package dev.cutover.debezium;

import static dev.cutover.debezium.AbstractCaptureITSupport.DELIVERY_TIMEOUT;
import static dev.cutover.debezium.AbstractCaptureITSupport.awaitEventCount;
import static dev.cutover.debezium.AbstractCaptureITSupport.awaitEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ChangeBatchHandler;
import dev.cutover.testkit.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Restart safety every capture must have, as a JUnit test interface: a capture resumes from its
 * offset file, after a stop without gaps or repeats, after a failure with the failed batch and
 * nothing acknowledged delivered again. A database's restart IT implements it next to its
 * {@link AbstractCaptureITSupport}, which provides the abstract methods but
 * {@link #writeRowsToFailOn}.
 *
 * @param <S> the database's capture source
 */
interface CaptureRestartScenarios<S extends DebeziumCaptureSource> {

    int ROWS = 200;

    TestDatabase database();

    TableId tableId(String name);

    CaptureOptions.Builder options(String bridge, String... tables);

    S start(CaptureOptions options, ChangeBatchHandler handler);

    void awaitStreaming(S source);

    /** The statements that insert ids {@code 1..ROWS} into {@code seq} in the way the failure scenario exercises. */
    String[] writeRowsToFailOn();

    @BeforeEach
    default void createSeqTable() {
        database().execute("DROP TABLE IF EXISTS seq", "CREATE TABLE seq (id int PRIMARY KEY)");
    }

    @Test
    default void stoppedCaptureFinishesTheBatchInHandAndResumesWithoutGapsOrRepeats() throws Exception {
        CaptureOptions options = options("stop-resume", "seq").snapshotMode(SnapshotMode.NO_DATA).maxBatchSize(10).build();
        GatedHandler gated = new GatedHandler(1);
        S source = start(options, gated);
        awaitStreaming(source);
        database().execute("INSERT INTO seq VALUES (0)");
        awaitEventCount(gated.recorded(), 1);

        // The permits come before the rows, so the handler is not held while they are written: a
        // MariaDB binlog client whose reader blocks longer than its keep-alive interval (1 s with
        // these tests' heartbeats) reconnects, which is not what this test is about.
        gated.release(5);
        insertRows(1, ROWS);
        await().atMost(DELIVERY_TIMEOUT).until(() -> gated.recorded().batches().size() == 6 && gated.holdsABatch());

        source.stop();
        assertThat(source.state()).isEqualTo(DebeziumCaptureSource.State.STOPPING);
        gated.release(1);
        assertThat(source.awaitStop(Duration.ofSeconds(30))).isTrue();
        assertThat(source.failure()).isNull();
        assertThat(source.state()).isEqualTo(DebeziumCaptureSource.State.STOPPED);
        assertThat(gated.recorded().batches()).as("the batch in hand was finished, no further batch started").hasSize(7);
        List<Integer> firstRun = ids(gated.recorded().events());
        assertThat(firstRun).hasSizeLessThan(ROWS).contains(1);
        insertRows(ROWS + 1, ROWS + 10);

        RecordingHandler resumed = new RecordingHandler();
        start(options, resumed);
        awaitEvents(resumed, events -> ids(events).contains(ROWS + 10));

        List<Integer> all = new ArrayList<>(firstRun);
        all.addAll(ids(resumed.events()));
        assertThat(all).as("every row exactly once across both runs, also those written while stopped")
                .containsExactlyElementsOf(range(0, ROWS + 10));
    }

    @Test
    default void failingHandlerStopsTheCaptureAndARestartDeliversTheFailedBatchAgain() throws Exception {
        CaptureOptions options = options("crash", "seq").snapshotMode(SnapshotMode.NO_DATA).maxBatchSize(10).build();
        RecordingHandler crashing = RecordingHandler.failingWhen(events -> ids(events).stream().anyMatch(id -> id >= 60));
        S source = start(options, crashing);
        awaitStreaming(source);
        database().execute("INSERT INTO seq VALUES (0)");
        awaitEventCount(crashing, 1);

        database().execute(writeRowsToFailOn());
        await().atMost(DELIVERY_TIMEOUT).until(() -> source.state() == DebeziumCaptureSource.State.FAILED);
        assertThat(source.failure())
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("the handler failed")
                .hasRootCauseMessage("simulated downstream failure");
        List<Integer> acknowledged = ids(crashing.events());
        List<Integer> failedBatch = ids(crashing.failedBatch());
        assertThat(acknowledged).contains(1).allMatch(id -> id < 60);

        RecordingHandler restarted = new RecordingHandler();
        start(options, restarted);
        awaitEvents(restarted, events -> ids(events).contains(ROWS));

        List<Integer> redelivered = ids(restarted.events());
        assertThat(redelivered).as("starts with the batch that failed").startsWith(failedBatch.toArray(Integer[]::new));
        Set<Integer> repeated = new HashSet<>(acknowledged);
        repeated.retainAll(redelivered);
        assertThat(repeated).as("acknowledged changes delivered again").isEmpty();
        List<Integer> all = new ArrayList<>(acknowledged);
        all.addAll(redelivered);
        assertThat(all).as("no gaps").containsExactlyElementsOf(range(0, ROWS));
    }

    /** One statement (and transaction) per row. */
    static String[] rowByRow(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "INSERT INTO seq VALUES (" + i + ")").toArray(String[]::new);
    }

    private void insertRows(int from, int to) {
        database().execute(rowByRow(from, to));
    }

    private static List<Integer> ids(List<ChangeEvent> events) {
        return events.stream().map(e -> (Integer) e.key().get("id")).collect(Collectors.toList());
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }
}
