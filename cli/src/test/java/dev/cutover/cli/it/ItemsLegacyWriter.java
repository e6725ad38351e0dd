package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.testkit.TestDatabase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The legacy application: inserts (keys from its table's generator) and updates of seeded rows,
 * each transaction on a session of its own, until closed.
 */
final class ItemsLegacyWriter implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    /** Writes to {@code items_legacy} of {@code db}; inserted rows' values start with {@code label}. */
    ItemsLegacyWriter(TestDatabase db, String label) {
        thread = new Thread(() -> {
            try {
                while (running.get()) {
                    long n = written.incrementAndGet();
                    db.execute("INSERT INTO items_legacy (v) VALUES ('" + label + n + "')",
                            "UPDATE items_legacy SET v = 'touched" + n + "' WHERE id = " + (1 + n % 150));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "legacy-writer");
        thread.start();
    }

    /** Waits until it wrote {@code more} transactions beyond what it had. */
    void awaitMore(long more) {
        long target = written.get() + more;
        await("legacy writer progress").atMost(TIMEOUT).until(() -> written.get() >= target || failure.get() != null);
        assertThat(failure.get()).as("legacy writer failure").isNull();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
        assertThat(failure.get()).as("legacy writer failure").isNull();
    }
}
