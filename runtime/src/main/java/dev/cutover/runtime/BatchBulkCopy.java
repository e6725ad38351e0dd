package dev.cutover.runtime;

import dev.cutover.config.TuningOptions;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.load.RowMapping;
import dev.cutover.jdbc.load.SnapshotCopy;
import dev.cutover.jdbc.load.StagedFullCopy;
import dev.cutover.runtime.batch.BulkFullCopy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bulk copy of a full batch binding into PostgreSQL: the source table read as one consistent
 * snapshot in parallel pieces (as an initial load reads it), mapped, written into a staging table
 * and merged into the target in one transaction ({@link StagedFullCopy}). The binding's applier
 * holds its changes meanwhile (a dead letter replayed, say), so nothing else writes the binding's
 * rows while they are merged.
 */
final class BatchBulkCopy implements BulkFullCopy {

    private final CompiledBinding binding;
    private final SnapshotCopy copy;
    private final StagedFullCopy staged;
    private final RowMapping mapping;
    private final LoadHolds holds;
    private final PipelineListener listener;
    private final int threads;

    BatchBulkCopy(CompiledBinding binding, JdbcConnectionFactory target, BridgeWiring w) {
        TuningOptions tuning = w.config().tuning();
        this.binding = binding;
        this.copy = SnapshotCopies.from(w.config().system(binding.source()), tuning).apply(target);
        this.staged = new StagedFullCopy(target);
        this.mapping = SnapshotCopies.rowMapping(binding);
        this.holds = w.loadHolds();
        this.listener = w.metrics();
        this.threads = SnapshotCopies.threads(tuning);
    }

    @Override
    public StagedFullCopy.Outcome copy() throws Exception {
        TableSchema from = binding.sourceSchema();
        holds.hold(binding.name(), binding.target());
        AtomicInteger worker = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cutover-" + binding.name() + "-batch-" + worker.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            StagedFullCopy.Outcome outcome = staged.run(binding.route().targetSchema(), binding.name(),
                    table -> copy.copy(from, table, null, mapping, false, workers, piece -> { }));
            listener.onCopied(binding.name(), outcome.copied());
            return outcome;
        } finally {
            workers.shutdownNow();
            holds.release(binding.name(), binding.target());
        }
    }
}
