package dev.cutover.debezium.internal;

import io.debezium.engine.StopEngineException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps a stop from cutting a batch in half: the engine thread holds the gate while it hands a
 * batch over and commits it, and the thread that stops the engine closes the gate and then waits
 * for it, so the engine is shut down between batches. After the gate is closed no new batch is
 * let in; the engine thread gets a {@link StopEngineException}, which ends Debezium's polling
 * loop without committing the refused batch.
 *
 * <p>Thread-safe.
 */
public final class BatchGate {

    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closed;
    private volatile Thread holder;

    /**
     * Enters the gate before handling a batch; pair with {@link #exit()} in a finally block.
     *
     * @throws StopEngineException when the gate is closed
     * @throws InterruptedException when interrupted while another thread holds the gate
     */
    public void enter() throws InterruptedException {
        lock.lockInterruptibly();
        if (closed) {
            lock.unlock();
            throw new StopEngineException("capture stop requested; batch left uncommitted for redelivery");
        }
        holder = Thread.currentThread();
    }

    /** Leaves the gate after a batch. */
    public void exit() {
        holder = null;
        lock.unlock();
    }

    /** True once {@link #closeAndRun} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the gate, waits for a batch in hand to finish, and runs {@code action} while no batch
     * can start.
     */
    public void closeAndRun(Runnable action) {
        closed = true;
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Interrupts the thread handling a batch, if any: the last resort when a handler does not
     * return within the shutdown timeout.
     */
    public void interruptBatch() {
        Thread t = holder;
        if (t != null) {
            t.interrupt();
        }
    }
}
