package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.testkit.TestDatabase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** An application writing on a thread of its own, one step (its own transactions) after another, until stopped. */
final class BackgroundWrites implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** One step of the application; {@code n} counts the steps done before, from 0. */
    @FunctionalInterface
    interface Step {
        void write(long n) throws Exception;
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    private BackgroundWrites(String name, Step step) {
        thread = new Thread(() -> {
            try {
                while (running.get()) {
                    step.write(written.get());
                    written.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, name);
        thread.start();
    }

    /** Starts writing {@code step} after {@code step} on a thread called {@code name}. */
    static BackgroundWrites start(String name, Step step) {
        return new BackgroundWrites(name, step);
    }

    /** The legacy items application: inserts (keys from its table's generator, values starting with {@code label}) and updates of seeded rows. */
    static BackgroundWrites items(TestDatabase db, String label) {
        return start("items-writer", n -> db.execute("INSERT INTO items_legacy (v) VALUES ('" + label + (n + 1) + "')",
                "UPDATE items_legacy SET v = 'touched" + (n + 1) + "' WHERE id = " + (1 + (n + 1) % 150)));
    }

    /** Inserts rows {@code (id, v)} into {@code table}, keys from {@code firstId} on. */
    static BackgroundWrites inserts(TestDatabase db, String table, long firstId) {
        return start("inserts-" + table, n -> db.execute("INSERT INTO " + table + " (id, v) VALUES (" + (firstId + n) + ", 'written"
                + (firstId + n) + "')"));
    }

    /** How many steps it wrote so far. */
    long written() {
        assertThat(failure.get()).as("writer failure").isNull();
        return written.get();
    }

    /** Waits until it wrote {@code more} steps beyond what it had. */
    void awaitMore(long more) {
        long target = written.get() + more;
        await("writer progress").atMost(TIMEOUT).until(() -> written.get() >= target || failure.get() != null);
        assertThat(failure.get()).as("writer failure").isNull();
    }

    /** Stops writing and returns how many steps it wrote. */
    long stop() throws InterruptedException {
        running.set(false);
        thread.join();
        assertThat(failure.get()).as("writer failure").isNull();
        return written.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
