package dev.cutover.jdbc.load;

import java.util.function.LongSupplier;

/**
 * Spaces out the rows a load reads so that together its readers stay at or under a rate: each
 * reader asks for its rows before it reads them and waits until they are due. Rows are due one
 * after another at even intervals from the first request, and time nobody used is not saved up,
 * so a pause is not followed by a burst. Thread-safe.
 */
public final class RowRate {

    /** How a caller waits; {@link Thread#sleep} outside tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    /** Rows asked for at once by {@link #beforeRow}: few enough for an even pace, many enough to cost nothing per row. */
    static final int STEP = 500;

    /** Rows as fast as they come. */
    public static final RowRate UNLIMITED = new RowRate(0, System::nanoTime, nanos -> { });

    private final double nanosPerRow;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long nextFree;
    private boolean started;

    RowRate(int rowsPerSecond, LongSupplier clock, Sleeper sleeper) {
        this.nanosPerRow = rowsPerSecond <= 0 ? 0 : 1e9 / rowsPerSecond;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** At most {@code rowsPerSecond} rows per second; {@link #UNLIMITED} for 0. */
    public static RowRate perSecond(int rowsPerSecond) {
        return rowsPerSecond <= 0 ? UNLIMITED : new RowRate(rowsPerSecond, System::nanoTime, RowRate::sleep);
    }

    private static void sleep(long nanos) throws InterruptedException {
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }

    /** True when it never waits. */
    public boolean unlimited() {
        return nanosPerRow == 0;
    }

    /** Called before each row a reader reads, {@code index} counting its rows from 0: every {@value #STEP} rows, waits until they may be read. */
    void beforeRow(long index) throws InterruptedException {
        if (index % STEP == 0) {
            acquire(STEP);
        }
    }

    /** Waits until {@code rows} more rows may be read. */
    void acquire(int rows) throws InterruptedException {
        if (unlimited() || rows <= 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = clock.getAsLong();
            long start = started && nextFree - now > 0 ? nextFree : now;
            started = true;
            nextFree = start + (long) (rows * nanosPerRow);
            wait = start - now;
        }
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }
}
