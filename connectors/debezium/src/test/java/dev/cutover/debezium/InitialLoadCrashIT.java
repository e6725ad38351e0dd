package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.pipeline.spi.ChangeBatchHandler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A load of existing rows cut short by a crash or a stop, while a writer keeps inserting,
 * updating and deleting, must resume where it was and leave a target that applies every event
 * equal to the table: in particular no row the source deleted may survive in the target. (A
 * blocking snapshot started over after the crash fails this: rows the first snapshot delivered and
 * that were deleted before the second one are never reported as deleted.)
 */
class InitialLoadCrashIT extends CaptureITSupport {

    private static final int SEEDED = 5_000;
    private static final int CHUNK = 100;
    /** READs acknowledged before the first run is cut short: a good part of the load, far from all of it. */
    private static final int READS_BEFORE_CUT = 1_500;
    private static final Duration CONVERGENCE_TIMEOUT = Duration.ofSeconds(120);

    private final Map<Integer, Row> target = new ConcurrentHashMap<>();
    private Writer writer;

    @BeforeEach
    void seedTable() {
        db.execute("DROP TABLE IF EXISTS accounts",
                "CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL, note text)",
                "INSERT INTO accounts SELECT g, g, 'seed ' || g FROM generate_series(1, " + SEEDED + ") g");
    }

    @AfterEach
    void stopWriter() throws InterruptedException {
        if (writer != null) {
            writer.stop();
        }
    }

    @Test
    void crashDuringTheLoadLeavesNoDeletedRowBehindAndTheLoadResumes() throws Exception {
        CaptureOptions options = loadOptions("load-crash");
        writer = Writer.start();
        TargetHandler first = TargetHandler.crashingAfter(target, READS_BEFORE_CUT);
        PostgresCaptureSource crashed = start(options, first);
        await().atMost(DELIVERY_TIMEOUT).until(() -> crashed.state() == PostgresCaptureSource.State.FAILED);
        assertThat(crashed.failure()).hasRootCauseMessage("simulated crash of the target");

        assertThat(first.reads()).as("the first run stopped part way through the load").isBetween(READS_BEFORE_CUT, SEEDED - 1);
        resumeAndAssertConvergence(options, first);
    }

    @Test
    void stopDuringTheLoadLeavesNoDeletedRowBehindAndTheLoadResumes() throws Exception {
        CaptureOptions options = loadOptions("load-stop");
        writer = Writer.start();
        TargetHandler first = TargetHandler.pausingAfter(target, READS_BEFORE_CUT);
        PostgresCaptureSource stopped = start(options, first);
        await().atMost(DELIVERY_TIMEOUT).failFast("the capture failed", () -> stopped.failure() != null).until(first::paused);
        stopped.stop();
        first.resume();
        assertThat(stopped.awaitStop(DELIVERY_TIMEOUT)).isTrue();
        assertThat(stopped.failure()).isNull();

        assertThat(first.reads()).as("the first run stopped part way through the load").isBetween(READS_BEFORE_CUT, SEEDED - 1);
        resumeAndAssertConvergence(options, first);
    }

    private CaptureOptions loadOptions(String bridge) {
        return options(bridge, "accounts").snapshotChunkSize(CHUNK).maxBatchSize(CHUNK).build();
    }

    /**
     * Lets the writer change rows between the runs, resumes on the same offset file and slot with
     * a handler that continues the same target, stops the writer once the load runs again, and
     * waits for the target to equal the table.
     */
    private void resumeAndAssertConvergence(CaptureOptions options, TargetHandler first) throws Exception {
        writer.awaitMoreOperations(300);
        TargetHandler second = TargetHandler.applying(target);
        PostgresCaptureSource resumed = start(options, second);
        await().atMost(DELIVERY_TIMEOUT).failFast("the capture failed", () -> resumed.failure() != null)
                .until(() -> second.reads() > 0);
        writer.awaitMoreOperations(300);
        writer.stop();
        assertThat(writer.deletes()).as("the writer deleted rows").isGreaterThan(50);

        await().atMost(CONVERGENCE_TIMEOUT).failFast("the capture failed", () -> resumed.failure() != null)
                .untilAsserted(() -> assertThat(differences(target, tableContent())).as("target vs. table").isEmpty());
        assertThat(second.reads()).as("the second run resumed the load instead of loading every row again")
                .isLessThan(SEEDED - READS_BEFORE_CUT / 2);
        assertThat(second.smallestKeyRead()).as("the second run did not read the first chunks again")
                .isGreaterThan(first.smallestKeyRead() + READS_BEFORE_CUT / 2);
    }

    private static Map<Integer, Row> tableContent() throws SQLException {
        Map<Integer, Row> rows = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, balance, note FROM accounts")) {
            while (rs.next()) {
                rows.put(rs.getInt(1), new Row(rs.getInt(2), rs.getString(3)));
            }
        }
        return rows;
    }

    /** Up to ten differences between target and table, each naming the key and both sides. */
    private static List<String> differences(Map<Integer, Row> target, Map<Integer, Row> table) {
        List<String> differences = new ArrayList<>();
        Map<Integer, Row> all = new HashMap<>(table);
        target.forEach(all::putIfAbsent);
        for (Integer key : all.keySet()) {
            if (!Objects.equals(target.get(key), table.get(key)) && differences.size() < 10) {
                differences.add("id " + key + ": target " + target.get(key) + ", table " + table.get(key));
            }
        }
        return differences;
    }

    /** A row of the target, as the applier would keep it. */
    record Row(int balance, String note) {
    }

    /**
     * Applies every batch to the target map like an applier applies to a target database: READ,
     * CREATE and UPDATE write the after image, DELETE removes the key. Can be told to crash (throw
     * without applying, on every batch once a number of READs was applied) or to pause (hold the
     * first such batch until {@link #resume()}).
     */
    static final class TargetHandler implements ChangeBatchHandler {
        private final Map<Integer, Row> target;
        private final int cutAfterReads;
        private final boolean crash;
        private final CountDownLatch paused = new CountDownLatch(1);
        private final CountDownLatch resume = new CountDownLatch(1);
        private final AtomicInteger reads = new AtomicInteger();
        private final AtomicInteger smallestKeyRead = new AtomicInteger(Integer.MAX_VALUE);

        private TargetHandler(Map<Integer, Row> target, int cutAfterReads, boolean crash) {
            this.target = target;
            this.cutAfterReads = cutAfterReads;
            this.crash = crash;
        }

        static TargetHandler applying(Map<Integer, Row> target) {
            return new TargetHandler(target, Integer.MAX_VALUE, false);
        }

        static TargetHandler crashingAfter(Map<Integer, Row> target, int reads) {
            return new TargetHandler(target, reads, true);
        }

        static TargetHandler pausingAfter(Map<Integer, Row> target, int reads) {
            return new TargetHandler(target, reads, false);
        }

        @Override
        public void onBatch(List<ChangeEvent> events) throws InterruptedException {
            if (reads.get() >= cutAfterReads) {
                if (crash) {
                    throw new IllegalStateException("simulated crash of the target");
                }
                if (paused.getCount() > 0) {
                    paused.countDown();
                    resume.await();
                }
            }
            for (ChangeEvent e : events) {
                apply(e);
            }
        }

        private void apply(ChangeEvent e) {
            int id = (Integer) e.key().get("id");
            if (e.operation() == Operation.DELETE) {
                target.remove(id);
            } else {
                target.put(id, new Row((Integer) e.after().get("balance"), (String) e.after().get("note")));
            }
            if (e.operation() == Operation.READ) {
                reads.incrementAndGet();
                smallestKeyRead.accumulateAndGet(id, Math::min);
            }
        }

        /** True once a batch is held. */
        boolean paused() {
            return paused.getCount() == 0;
        }

        void resume() {
            resume.countDown();
        }

        int reads() {
            return reads.get();
        }

        int smallestKeyRead() {
            return smallestKeyRead.get();
        }
    }

    /**
     * Inserts, updates and deletes random keys (most of them seeded rows) on its own thread, one
     * statement per transaction, about one per millisecond, until stopped.
     */
    static final class Writer {
        private static final int KEYS = SEEDED + SEEDED / 2;

        private final CountDownLatch stop = new CountDownLatch(1);
        private final AtomicInteger operations = new AtomicInteger();
        private final AtomicInteger deletes = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread = new Thread(this::run, "initial-load-writer");

        static Writer start() {
            Writer w = new Writer();
            w.thread.start();
            return w;
        }

        private void run() {
            SplittableRandom random = new SplittableRandom(42);
            try (Connection c = db.connect();
                    PreparedStatement insert = c.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING");
                    PreparedStatement update = c.prepareStatement("UPDATE accounts SET balance = balance + ?, note = ? WHERE id = ?");
                    PreparedStatement delete = c.prepareStatement("DELETE FROM accounts WHERE id = ?")) {
                while (!stop.await(1, TimeUnit.MILLISECONDS)) {
                    int key = 1 + random.nextInt(KEYS);
                    int dice = random.nextInt(10);
                    if (dice < 4) {
                        bind(update, random.nextInt(100), "updated " + operations.get(), key).executeUpdate();
                    } else if (dice < 7) {
                        delete.setInt(1, key);
                        deletes.addAndGet(delete.executeUpdate());
                    } else {
                        bind(insert, key, key, "inserted " + operations.get()).executeUpdate();
                    }
                    operations.incrementAndGet();
                }
            } catch (SQLException | RuntimeException e) {
                failure.set(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static PreparedStatement bind(PreparedStatement ps, int first, Object second, Object third) throws SQLException {
            ps.setInt(1, first);
            ps.setObject(2, second);
            ps.setObject(3, third);
            return ps;
        }

        /** Waits until the writer has done {@code count} more operations. */
        void awaitMoreOperations(int count) {
            int target = operations.get() + count;
            await().atMost(DELIVERY_TIMEOUT).failFast("the writer failed", () -> failure.get() != null)
                    .until(() -> operations.get() >= target);
        }

        /** Stops the writer and waits for it; fails when it failed. Idempotent. */
        void stop() throws InterruptedException {
            stop.countDown();
            thread.join(DELIVERY_TIMEOUT.toMillis());
            assertThat(thread.isAlive()).as("writer thread still running").isFalse();
            assertThat(failure.get()).as("writer failure").isNull();
        }

        int deletes() {
            return deletes.get();
        }
    }
}
