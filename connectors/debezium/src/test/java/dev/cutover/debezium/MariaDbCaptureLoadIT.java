package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.TableId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The load of existing rows on MariaDB: an incremental snapshot requested through the signal
 * table in the captured database, interleaved with the streamed changes of writes that go on
 * meanwhile, ends with exactly the table's state: no row missing, none read twice.
 */
class MariaDbCaptureLoadIT extends MariaDbCaptureITSupport {

    private static final int EXISTING = 3_000;
    private static final int CHUNK = 100;

    @Test
    void existingRowsAreLoadedWhileWritesGoOnWithoutGapOrDouble() throws Exception {
        db.execute("CREATE TABLE loaded (id int PRIMARY KEY, v int NOT NULL)",
                "INSERT INTO loaded SELECT seq, 0 FROM seq_1_to_" + EXISTING);
        RecordingHandler handler = new RecordingHandler();
        CaptureOptions options = options("load", "loaded").snapshotChunkSize(CHUNK).build();

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger writes = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write(writing, writes));
        MariaDbCaptureSource source = start(options, handler);
        // Write on until most of the load has arrived, so the writes overlap the chunks.
        await().atMost(DELIVERY_TIMEOUT).failFast("the capture failed", () -> source.failure() != null)
                .until(() -> reads(handler.events()) >= EXISTING * 2 / 3);
        writing.set(false);
        writer.get(10, TimeUnit.SECONDS);
        db.execute("INSERT INTO loaded VALUES (-1, 0)");

        await().atMost(DELIVERY_TIMEOUT).failFast("the capture failed", () -> source.failure() != null)
                .untilAsserted(() -> assertThat(replay(handler.events())).isEqualTo(tableState()));

        List<ChangeEvent> events = handler.events();
        assertThat(events).allSatisfy(e -> assertThat(e.table()).isEqualTo(new TableId(db.name(), "loaded")));
        Map<Object, Long> readsPerRow = events.stream().filter(e -> e.operation() == Operation.READ)
                .collect(Collectors.groupingBy(e -> e.key().get("id"), Collectors.counting()));
        assertThat(readsPerRow).as("no row read twice").allSatisfy((id, count) -> assertThat(count).as("reads of %s", id).isEqualTo(1));
        int firstRead = indexOf(events, Operation.READ, true);
        int lastRead = indexOf(events, Operation.READ, false);
        assertThat(events.subList(firstRead, lastRead)).as("streamed changes interleaved with the load")
                .anyMatch(e -> e.operation() != Operation.READ);
        assertThat(writes.get()).isPositive();
        assertThat(Files.readString(Path.of(options.offsetFile() + ".snapshots"))).contains(db.name() + "\tloaded");
        assertThat(db.queryRows("SELECT count(*) AS n FROM " + table(options.signalTable().table())).get(0).get("n"))
                .as("the load signal and the chunks' watermarks went through the signal table in the captured database")
                .satisfies(n -> assertThat(((Number) n).longValue()).isGreaterThanOrEqualTo(3));
    }

    /** Updates, inserts and deletes random rows, one per transaction, until told to stop. */
    private static void write(AtomicBoolean writing, AtomicInteger writes) {
        Random random = new Random(42);
        int nextId = EXISTING + 1;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            while (writing.get()) {
                int id = 1 + random.nextInt(EXISTING);
                switch (random.nextInt(3)) {
                    case 0 -> s.execute("UPDATE loaded SET v = v + 1 WHERE id = " + id);
                    case 1 -> s.execute("INSERT INTO loaded VALUES (" + nextId++ + ", 1)");
                    default -> s.execute("DELETE FROM loaded WHERE id = " + id);
                }
                writes.incrementAndGet();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The table's state as the events tell it: reads and upserts put, deletes remove. */
    private static Map<Integer, Integer> replay(List<ChangeEvent> events) {
        Map<Integer, Integer> rows = new HashMap<>();
        for (ChangeEvent e : events) {
            if (e.operation() == Operation.DELETE) {
                rows.remove((Integer) e.key().get("id"));
            } else {
                rows.put((Integer) e.after().get("id"), (Integer) e.after().get("v"));
            }
        }
        return rows;
    }

    private static Map<Integer, Integer> tableState() {
        return db.queryRows("SELECT id, v FROM loaded").stream()
                .collect(Collectors.toMap(r -> ((Number) r.get("id")).intValue(), r -> ((Number) r.get("v")).intValue()));
    }

    private static long reads(List<ChangeEvent> events) {
        return events.stream().filter(e -> e.operation() == Operation.READ).count();
    }

    private static int indexOf(List<ChangeEvent> events, Operation operation, boolean first) {
        IntStream indexes = IntStream.range(0, events.size()).filter(i -> events.get(i).operation() == operation);
        return first ? indexes.findFirst().orElseThrow() : indexes.reduce((a, b) -> b).orElseThrow();
    }
}
