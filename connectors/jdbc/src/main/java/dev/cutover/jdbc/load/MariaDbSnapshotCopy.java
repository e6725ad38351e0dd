package dev.cutover.jdbc.load;

import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.ResultRows;
import dev.cutover.jdbc.SqlDialect;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.LongConsumer;

/**
 * Copies a MariaDB table's rows as of one consistent snapshot into a PostgreSQL table. MariaDB
 * cannot share a snapshot between connections, so one connection reads the whole table in a
 * {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}, streaming its rows through the driver; each
 * row is mapped and spelled as COPY text, and every slice of about {@value #SLICE_CHARS} characters
 * is written into the target by a worker with one {@code COPY} of its own (see
 * {@link PostgresCopyTarget}), while the reader goes on. At most one slice per worker waits, so
 * memory stays bounded whatever the table's size.
 */
public final class MariaDbSnapshotCopy implements SnapshotCopy {

    /** COPY text per slice, in characters. */
    private static final int SLICE_CHARS = 4 << 20;
    /** Rows the driver fetches per round trip while streaming. */
    private static final int FETCH_SIZE = 5_000;

    private final JdbcConnectionFactory source;
    private final PostgresCopyTarget into;
    private final RowRate rate;
    private final int writers;

    /**
     * Reads at most as fast as {@code rate} allows.
     *
     * @param writers how many slices may be written or wait to be written at once: the threads of the workers given to {@link #copy}
     */
    public MariaDbSnapshotCopy(JdbcConnectionFactory source, JdbcConnectionFactory target, RowRate rate, int writers) {
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be positive, got " + writers);
        }
        this.source = source;
        this.into = new PostgresCopyTarget(target);
        this.rate = rate;
        this.writers = writers;
    }

    @Override
    public boolean targetEmpty(TableSchema table) throws SQLException {
        return into.empty(table);
    }

    /** {@inheritDoc} Read on the calling thread; the slices are written on {@code workers}. */
    @Override
    public long copy(TableSchema from, TableSchema to, String condition, RowMapping mapping, boolean merge, ExecutorService workers,
            LongConsumer copied) throws Exception {
        SqlDialect d = source.dialect();
        String select = "SELECT " + PostgresCopyTarget.columnList(d, from.columns()) + " FROM " + d.qualifiedName(from.table())
                + (condition == null ? "" : " WHERE " + condition);
        List<Future<Long>> slices = new ArrayList<>();
        Semaphore waiting = new Semaphore(writers);
        try (Connection reader = source.open()) {
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement()) {
                s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            }
            try (PreparedStatement query = reader.prepareStatement(select, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                query.setFetchSize(FETCH_SIZE);
                StringBuilder[] slice = {new StringBuilder(SLICE_CHARS + 4096)};
                long[] rows = {0, 0};
                ResultRows.read(d, query, from.columns(), row -> {
                    rate.beforeRow(rows[0]++);
                    CopyText.appendRow(slice[0], mapping.mapper().map(row), to.columns());
                    rows[1]++;
                    if (slice[0].length() >= SLICE_CHARS) {
                        slices.add(submit(slices, workers, waiting, to, merge, slice[0], rows[1], copied));
                        slice[0] = new StringBuilder(SLICE_CHARS + 4096);
                        rows[1] = 0;
                    }
                });
                if (rows[1] > 0) {
                    slices.add(submit(slices, workers, waiting, to, merge, slice[0], rows[1], copied));
                }
            } finally {
                reader.rollback();
            }
        } catch (Exception | Error e) {
            slices.forEach(f -> f.cancel(true));
            throw e;
        }
        return Pieces.sum(slices);
    }

    /** Hands one slice to a worker once fewer than one per worker wait; the slice's text is the worker's from then on. */
    private Future<Long> submit(List<Future<Long>> earlier, ExecutorService workers, Semaphore waiting, TableSchema to, boolean merge,
            StringBuilder text, long rows, LongConsumer copied) throws Exception {
        waiting.acquire();
        for (Future<Long> slice : earlier) {
            if (slice.isDone()) {
                Pieces.sum(List.of(slice)); // a slice that failed stops the copy: the rest would be read for nothing
            }
        }
        try {
            return workers.submit(() -> {
                try {
                    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                    into.write(to, merge, (writer, table) -> into.copyIn(writer, table, to.columns(), in -> {
                        in.writeToCopy(bytes, 0, bytes.length);
                        return rows;
                    }));
                    copied.accept(rows);
                    return rows;
                } finally {
                    waiting.release();
                }
            });
        } catch (RuntimeException e) {
            waiting.release();
            throw e;
        }
    }
}
