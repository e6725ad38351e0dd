package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.TableId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a capture does with rows that exist when it first reads a table: loaded by an incremental
 * snapshot it requests through its signal table, once per table.
 */
class PostgresCaptureSnapshotIT extends CaptureITSupport {

    @BeforeEach
    void createTableWithRows() throws Exception {
        db.execute("DROP TABLE IF EXISTS existing", "CREATE TABLE existing (id int PRIMARY KEY, name text)",
                "INSERT INTO existing VALUES (1, 'a'), (2, 'b'), (3, NULL)");
    }

    @Test
    void existingRowsArriveAsReadsOfALoadAndLaterChangesAsStreamedWithoutSignalRows() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        CaptureOptions options = options("initial", "existing").build();
        PostgresCaptureSource source = start(options, handler);
        awaitEventCount(handler, 3);
        awaitStreaming(source);

        db.execute("INSERT INTO existing VALUES (4, 'd')");
        awaitEventCount(handler, 4);

        List<ChangeEvent> events = handler.events();
        assertThat(events.subList(0, 3)).allSatisfy(e -> {
            assertThat(e.operation()).isEqualTo(Operation.READ);
            assertThat(e.before()).isNull();
            assertThat(e.transactionId()).isNull();
            assertThat(e.position().kind()).isEqualTo("lsn");
        });
        assertThat(events.subList(0, 3)).extracting(e -> e.after().get("id")).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(events.subList(0, 3)).filteredOn(e -> e.after().get("id").equals(3)).first()
                .satisfies(e -> assertThat(e.after().has("name")).isTrue());
        assertThat(events.get(3).operation()).isEqualTo(Operation.CREATE);
        assertThat(events.get(3).after().get("id")).isEqualTo(4);
        assertThat(events).as("neither the load signal nor the chunk watermarks are data").hasSize(4)
                .allSatisfy(e -> assertThat(e.table()).isEqualTo(new TableId("public", "existing")));
        assertThat(Integer.parseInt(queryString("SELECT count(*) FROM " + options.signalTable())))
                .as("the load signal and at least one chunk's watermarks went through the signal table").isGreaterThanOrEqualTo(3);
        assertThat(Files.readString(Path.of(options.offsetFile() + ".snapshots"))).contains("public\texisting");
    }

    @Test
    void noDataSnapshotDeliversOnlyLaterChanges() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        startStreaming(options("no-data", "existing").snapshotMode(SnapshotMode.NO_DATA).build(), handler,
                "INSERT INTO existing VALUES (5, 'e')");

        assertThat(handler.events()).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo(Operation.CREATE);
            assertThat(e.after().get("id")).isEqualTo(5);
        });
    }

    @Test
    void restartAfterACompletedSnapshotResumesStreamingWithoutReadingAgain() throws Exception {
        CaptureOptions options = options("resnapshot", "existing").build();
        RecordingHandler first = new RecordingHandler();
        PostgresCaptureSource source = start(options, first);
        awaitEventCount(first, 3);
        awaitStreaming(source);
        source.close();
        assertThat(source.failure()).isNull();

        db.execute("INSERT INTO existing VALUES (6, 'f')");
        RecordingHandler second = new RecordingHandler();
        start(options, second);
        awaitEventCount(second, 1);

        assertThat(second.events()).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo(Operation.CREATE);
            assertThat(e.after().get("id")).isEqualTo(6);
        });
        assertThat(source.awaitStop(Duration.ZERO)).isTrue();
    }

    @Test
    void tableAddedToACaptureIsLoadedAloneOnTheNextStart() throws Exception {
        db.execute("DROP TABLE IF EXISTS added", "CREATE TABLE added (id int PRIMARY KEY, name text)",
                "INSERT INTO added VALUES (10, 'x'), (11, 'y')");
        RecordingHandler first = new RecordingHandler();
        PostgresCaptureSource source = start(options("grow", "existing").build(), first);
        awaitEventCount(first, 3);
        awaitStreaming(source);
        source.close();

        RecordingHandler second = new RecordingHandler();
        start(options("grow", "existing", "added").build(), second);
        awaitEventCount(second, 2);
        db.execute("INSERT INTO existing VALUES (7, 'g')");
        awaitEvents(second, events -> events.stream().anyMatch(e -> e.operation() == Operation.CREATE));

        assertThat(second.events()).filteredOn(e -> e.operation() == Operation.READ)
                .as("only the added table's rows are loaded").extracting(e -> e.table().table(), e -> e.after().get("id"))
                .containsExactlyInAnyOrder(tuple("added", 10), tuple("added", 11));
        assertThat(second.events()).filteredOn(e -> e.operation() == Operation.CREATE).extracting(e -> e.after().get("id"))
                .containsExactly(7);
    }
}
