package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.testkit.TestDatabase;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** An application inserting rows {@code (id, v)} into one table, a transaction each, on its own thread until closed. */
final class ContinuousInserts implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    private ContinuousInserts(TestDatabase db, String table, long firstId) {
        thread = new Thread(() -> {
            try {
                while (running.get()) {
                    long id = firstId + written.get();
                    db.execute("INSERT INTO " + table + " (id, v) VALUES (" + id + ", 'written" + id + "')");
                    written.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "inserts-" + table);
        thread.start();
    }

    /** Starts inserting into {@code table} of {@code db}, keys from {@code firstId} on. */
    static ContinuousInserts into(TestDatabase db, String table, long firstId) {
        return new ContinuousInserts(db, table, firstId);
    }

    /** How many rows it inserted so far. */
    long written() {
        assertThat(failure.get()).as("insert failure").isNull();
        return written.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
        assertThat(failure.get()).as("insert failure").isNull();
    }
}
