package dev.cutover.debezium;

import static dev.cutover.debezium.AbstractCaptureITSupport.DELIVERY_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.condition.ConditionParser;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ChangeBatchHandler;
import dev.cutover.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resyncs every capture must support, as a JUnit test interface: a requested re-copy of a key
 * range arrives as reads of exactly those rows while streaming goes on, with its progress
 * followed to the end; bad requests are refused before anything is signalled. A database's IT
 * implements it next to its {@link AbstractCaptureITSupport}.
 *
 * @param <S> the database's capture source
 */
interface CaptureResyncScenarios<S extends DebeziumCaptureSource> {

    TestDatabase database();

    TableId tableId(String name);

    CaptureOptions.Builder options(String bridge, String... tables);

    S start(CaptureOptions options, ChangeBatchHandler handler);

    void awaitStreaming(S source);

    @BeforeEach
    default void createResyncedTable() {
        database().execute("DROP TABLE IF EXISTS resynced", "CREATE TABLE resynced (id int PRIMARY KEY, name varchar(20))");
        StringBuilder values = new StringBuilder();
        IntStream.rangeClosed(1, 50).forEach(i -> values.append(i == 1 ? "" : ", ").append("(").append(i).append(", 'r").append(i)
                .append("')"));
        database().execute("INSERT INTO resynced VALUES " + values);
    }

    @Test
    default void resyncOfAKeyRangeDeliversThoseRowsAsReadsWhileStreamingGoesOnAndReportsItsProgress() {
        RecordingHandler handler = new RecordingHandler();
        S source = start(options("resync-range", "resynced").snapshotMode(SnapshotMode.NO_DATA).snapshotChunkSize(4).build(), handler);
        awaitStreaming(source);

        ResyncProgress requested = source.requestResync(tableId("resynced"), ConditionParser.parse("id BETWEEN 10 AND 19 "));
        database().execute("UPDATE resynced SET name = 'streamed' WHERE id = 30");

        assertThat(requested.state()).isEqualTo(ResyncProgress.State.REQUESTED);
        assertThat(requested.condition()).isEqualTo("id BETWEEN 10 AND 19");
        await().atMost(DELIVERY_TIMEOUT).failFast("the capture failed", () -> source.failure() != null)
                .until(() -> source.resync(requested.id()).orElseThrow().state().done());
        ResyncProgress done = source.resync(requested.id()).orElseThrow();
        assertThat(done.state()).as(String.valueOf(done)).isEqualTo(ResyncProgress.State.FINISHED);
        assertThat(done.rowsRead()).isEqualTo(10);
        assertThat(done.chunks()).as("10 rows in chunks of 4").isGreaterThanOrEqualTo(3);
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
        await().atMost(DELIVERY_TIMEOUT).until(() -> handler.events().stream().anyMatch(e -> e.operation() == Operation.UPDATE));
        List<ChangeEvent> reads = handler.events().stream().filter(e -> e.operation() == Operation.READ).toList();
        assertThat(reads).extracting(e -> e.after().get("id")).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(10, 19).boxed().toList());
        assertThat(source.resyncs()).containsExactly(done);
    }

    @Test
    default void aConditionIsWrittenInTheDatabasesOwnQuotingSoQuotesAndBackslashesInValuesMatchExactly() throws Exception {
        try (Connection c = database().connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO resynced VALUES (?, ?)")) {
            ps.setInt(1, 100);
            ps.setString(2, "back\\slash'q");
            ps.executeUpdate();
        }
        S source = start(options("resync-quoting", "resynced").snapshotMode(SnapshotMode.NO_DATA).build(), new RecordingHandler());
        awaitStreaming(source);

        ResyncProgress requested = source.requestResync(tableId("resynced"),
                ConditionParser.parse("NAME IN ('back\\slash''q', 'r7') AND \"id\" NOT BETWEEN 8 AND 99"));

        await().atMost(DELIVERY_TIMEOUT).failFast("the capture failed", () -> source.failure() != null)
                .until(() -> source.resync(requested.id()).orElseThrow().state().done());
        ResyncProgress done = source.resync(requested.id()).orElseThrow();
        assertThat(done.state()).as(String.valueOf(done)).isEqualTo(ResyncProgress.State.FINISHED);
        assertThat(done.rowsRead()).as("row 100 (matched by the quote and backslash in its name) and row 7").isEqualTo(2);
    }

    @Test
    default void aConditionThatIsNotOneExpressionOrThatTheDatabaseRejectsIsRefusedBeforeAnythingIsSignalled() {
        S source = start(options("resync-refused", "resynced").snapshotMode(SnapshotMode.NO_DATA).build(), new RecordingHandler());
        awaitStreaming(source);

        assertThatThrownBy(() -> source.requestResync(tableId("resynced"), ConditionParser.parse("id = 1; DELETE FROM resynced")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("';'");
        assertThatThrownBy(() -> source.requestResync(tableId("resynced"), ConditionParser.parse("no_such_column = 1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column no_such_column")
                .hasMessageContaining("resynced");
        assertThatThrownBy(() -> source.requestResync(tableId("not_captured"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not capture table");
        assertThat(source.resyncs()).isEmpty();
        assertThat(source.failure()).isNull();
    }

    @Test
    default void aResyncIsRefusedUntilTheCaptureStreams() {
        S source = start(options("resync-early", "resynced").snapshotMode(SnapshotMode.NO_DATA).build(), new RecordingHandler());
        source.close();

        assertThatThrownBy(() -> source.requestResync(tableId("resynced"), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("once it streams");
    }
}
