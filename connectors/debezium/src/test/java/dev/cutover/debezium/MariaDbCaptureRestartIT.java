package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.ChangeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A MariaDB capture resumes from its offset file: after a stop without gaps or repeats, after a failure with the failed batch. */
class MariaDbCaptureRestartIT extends MariaDbCaptureITSupport {

    private static final int ROWS = 200;

    @BeforeEach
    void createTable() {
        db.execute("DROP TABLE IF EXISTS seq", "CREATE TABLE seq (id int PRIMARY KEY)");
    }

    @Test
    void stoppedCaptureFinishesTheBatchInHandAndResumesWithoutGapsOrRepeats() throws Exception {
        CaptureOptions options = options("stop-resume", "seq").snapshotMode(SnapshotMode.NO_DATA).maxBatchSize(10).build();
        GatedHandler gated = new GatedHandler(1);
        MariaDbCaptureSource source = start(options, gated);
        awaitStreaming(source);
        db.execute("INSERT INTO seq VALUES (0)");
        awaitEventCount(gated.recorded(), 1);

        insertRows(1, ROWS);
        gated.release(5);
        await().atMost(DELIVERY_TIMEOUT).until(() -> gated.recorded().batches().size() == 6 && gated.holdsABatch());

        source.stop();
        assertThat(source.state()).isEqualTo(MariaDbCaptureSource.State.STOPPING);
        gated.release(1);
        assertThat(source.awaitStop(Duration.ofSeconds(30))).isTrue();
        assertThat(source.failure()).isNull();
        assertThat(source.state()).isEqualTo(MariaDbCaptureSource.State.STOPPED);
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
    void aFailureInsideOneLargeTransactionResumesAtTheFailedBatchInsideIt() throws Exception {
        CaptureOptions options = options("crash", "seq").snapshotMode(SnapshotMode.NO_DATA).maxBatchSize(10).build();
        RecordingHandler crashing = RecordingHandler.failingWhen(events -> ids(events).stream().anyMatch(id -> id >= 60));
        MariaDbCaptureSource source = start(options, crashing);
        awaitStreaming(source);
        db.execute("INSERT INTO seq VALUES (0)");
        awaitEventCount(crashing, 1);

        // One statement, one transaction: a single binlog rows event holding every row, so the stored position lies inside it.
        db.execute("INSERT INTO seq VALUES " + IntStream.rangeClosed(1, ROWS).mapToObj(i -> "(" + i + ")").collect(Collectors.joining(",")));
        await().atMost(DELIVERY_TIMEOUT).until(() -> source.state() == MariaDbCaptureSource.State.FAILED);
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

    private static void insertRows(int from, int to) {
        db.execute(IntStream.rangeClosed(from, to).mapToObj(i -> "INSERT INTO seq VALUES (" + i + ")").toArray(String[]::new));
    }

    private static List<Integer> ids(List<ChangeEvent> events) {
        return events.stream().map(e -> (Integer) e.key().get("id")).collect(Collectors.toList());
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }
}
