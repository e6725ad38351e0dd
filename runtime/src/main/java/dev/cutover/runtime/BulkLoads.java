package dev.cutover.runtime;

import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.debezium.BulkLoader;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.load.RowMapping;
import dev.cutover.jdbc.load.SnapshotCopy;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the existing rows of a capture's one-way bindings from a PostgreSQL table into a
 * PostgreSQL table in bulk, and copies them again for a resync: under one exported snapshot, page range by page range on parallel
 * threads, each chunk read with one {@code COPY TO}, the columns that cross unchanged passed
 * through as the database spelled them and the others mapped, and written with one
 * {@code COPY FROM} (through a temporary table and an upsert when the target held rows already). The binding's applier
 * holds its changes meanwhile ({@link LoadHolds}): the capture streamed since before the snapshot,
 * so once the copy is done, applying every held change in order leaves the target as the source
 * (a change the snapshot already holds writes the same row again, later ones follow it).
 *
 * <p>Whatever this path cannot do the way the incremental snapshot would (a row that does not
 * map, a value a {@code COPY} refuses) gives the table back to
 * Debezium's incremental snapshot, which upserts every row over what was copied and dead-letters
 * what does not fit. A capture that restarts cancels the copy in progress.
 */
final class BulkLoads implements BulkLoader, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BulkLoads.class);

    private final String captureName;
    private final Map<TableId, CompiledBinding> bindings;
    private final Function<JdbcConnectionFactory, SnapshotCopy> copies;
    private final Map<SystemSide, JdbcConnectionFactory> targets;
    private final LoadHolds holds;
    private final PipelineListener listener;
    private final int parallelism;
    private final ExecutorService coordinator;
    private final ExecutorService workers;
    private Future<?> running;
    private CountDownLatch runningEnded = new CountDownLatch(0);

    /**
     * @param bindings the bindings this loader copies, by their captured table
     * @param targets the connections of the databases they write
     * @param listener counts the rows copied, as captured and applied
     * @param copies the copy of the captured database into the target database given
     * @param parallelism how many pieces are copied at once
     */
    BulkLoads(String captureName, Map<TableId, CompiledBinding> bindings, Function<JdbcConnectionFactory, SnapshotCopy> copies,
            Map<SystemSide, JdbcConnectionFactory> targets, LoadHolds holds, PipelineListener listener, int parallelism) {
        this.captureName = captureName;
        this.bindings = Map.copyOf(bindings);
        this.copies = copies;
        this.targets = Map.copyOf(targets);
        this.holds = holds;
        this.listener = listener;
        this.parallelism = parallelism;
        AtomicInteger worker = new AtomicInteger();
        this.coordinator = Executors.newSingleThreadExecutor(r -> daemon(r, "cutover-" + captureName.replace('/', '-') + "-load"));
        this.workers = Executors.newFixedThreadPool(parallelism,
                r -> daemon(r, "cutover-" + captureName.replace('/', '-') + "-load-" + worker.incrementAndGet()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public boolean copies(TableId table) {
        return bindings.containsKey(table);
    }

    /**
     * {@inheritDoc} A copy cancelled because its capture restarted or stopped completes cancelled:
     * its capture is gone, the one that replaces it plans its loads anew.
     */
    @Override
    public synchronized CompletableFuture<Set<TableId>> copy(List<TableId> tables) {
        cancelRunning();
        CompletableFuture<Set<TableId>> done = new CompletableFuture<>();
        CountDownLatch ended = new CountDownLatch(1);
        runningEnded = ended;
        running = coordinator.submit(() -> {
            try {
                Set<TableId> gaveUp = new LinkedHashSet<>();
                for (TableId table : tables) {
                    if (!copyTable(table)) {
                        gaveUp.add(table);
                    }
                }
                if (Thread.currentThread().isInterrupted()) {
                    done.cancel(false);
                } else {
                    done.complete(gaveUp);
                }
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            } finally {
                ended.countDown();
            }
        });
        return done;
    }

    /** Copies one table's rows; false when it gave the table up to the incremental snapshot. */
    private boolean copyTable(TableId table) {
        CompiledBinding b = bindings.get(table);
        try {
            copyHeld(b, null, rows -> { });
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("capture {}: the copy of {} was cancelled (the capture restarts or stops)", captureName, table);
            return false;
        } catch (Exception e) {
            LOG.warn("capture {}: the bulk copy of {} for binding '{}' stopped ({}); the incremental snapshot loads its rows over what"
                    + " was copied", captureName, table, b.name(), Causes.oneLine(e));
            return false;
        }
    }

    /** {@inheritDoc} Runs after the loads and resyncs asked for before it. */
    @Override
    public CompletableFuture<Long> resync(TableId table, String condition, LongConsumer copied) {
        CompiledBinding b = bindings.get(table);
        if (b == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("capture " + captureName + " copies no table " + table));
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        try {
            coordinator.submit(() -> {
                try {
                    done.complete(copyHeld(b, condition, copied));
                } catch (InterruptedException e) {
                    done.cancel(false);
                } catch (Exception | Error e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.cancel(false); // the capture is stopping: as if it stopped during the copy
        }
        return done;
    }

    /**
     * Copies the rows of {@code b}'s source table that {@code condition} selects (null: all) while
     * its applier holds the binding, over the target's rows unless the target is empty.
     *
     * @return how many rows were copied
     * @throws Exception why it was not held or the copy stopped; the hold has ended either way
     */
    private long copyHeld(CompiledBinding b, String condition, LongConsumer copied) throws Exception {
        TableSchema from = b.sourceSchema();
        TableSchema to = b.route().targetSchema();
        SnapshotCopy copy = copies.apply(targets.get(b.target()));
        RowMapping mapping = SnapshotCopies.rowMapping(b);
        long started = System.nanoTime();
        try {
            try {
                holds.hold(b.name(), b.target());
            } catch (Exception e) {
                throw new IllegalStateException("binding '" + b.name() + "' cannot be held for a bulk copy: " + Causes.oneLine(e), e);
            }
            // Held, nothing else writes the table: a target empty now stays empty but for the copy. Rows applied before the
            // hold are older than the snapshot (or the snapshot's own): the copy upserts over them.
            boolean merge = !copy.targetEmpty(to);
            long rows = copy.copy(from, to, condition, mapping, merge, workers, piece -> {
                listener.onCopied(b.name(), piece);
                copied.accept(piece);
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            LOG.info("capture {} copied the {} of {} into {} for binding '{}'{}: {} rows in {} s ({} rows/s, {} threads);"
                    + " its changes since are applied now", captureName, condition == null ? "existing rows" : "rows where " + condition,
                    from.table(), to.table(), b.name(), merge ? " (upserted over the rows it held)" : "", rows,
                    String.format("%.1f", seconds), Math.round(rows / Math.max(seconds, 1e-3)), parallelism);
            return rows;
        } finally {
            holds.release(b.name(), b.target());
        }
    }

    /** Cancels the copy in progress, if any, and waits for it to end (after the chunks in hand): a restarted capture copies anew. */
    private void cancelRunning() {
        Future<?> previous = running;
        if (previous != null && !previous.isDone()) {
            previous.cancel(true);
            try {
                if (!runningEnded.await(60, TimeUnit.SECONDS)) {
                    LOG.warn("capture {}: the cancelled copy did not end within 60 s", captureName);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized void close() {
        cancelRunning();
        coordinator.shutdownNow();
        workers.shutdownNow();
    }

    /** The bindings of {@code reading} whose rows this path can copy, by captured table. */
    static Map<TableId, CompiledBinding> eligible(List<CompiledBinding> reading) {
        Map<TableId, CompiledBinding> byTable = new LinkedHashMap<>();
        reading.stream().filter(b -> !b.twoWay() && !b.batched()).forEach(b -> {
            String risk = SnapshotCopies.roundingRisk(b);
            if (risk == null) {
                byTable.put(b.sourceTable(), b);
            } else {
                LOG.info("Binding '{}' loads its existing rows by incremental snapshot, not in bulk: {}", b.name(), risk);
            }
        });
        return byTable;
    }
}
