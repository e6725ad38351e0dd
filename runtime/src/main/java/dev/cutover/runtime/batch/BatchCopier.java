package dev.cutover.runtime.batch;

import dev.cutover.core.batch.BatchSpec;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.pipeline.CapturePipeline;
import dev.cutover.core.pipeline.PageOutcome;
import dev.cutover.core.pipeline.RefusalParkingPublisher;
import dev.cutover.core.pipeline.spi.ChangePublisher;
import dev.cutover.core.pipeline.spi.DeadLetterSink;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.load.StagedFullCopy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One copy of one batch binding. A full copy with a {@link BulkFullCopy} (into PostgreSQL) goes
 * database to database; otherwise the copy reads the source table a page at a time and hands each
 * page, as {@code READ} events, to a {@link CapturePipeline} of the one binding, which maps and
 * publishes them to the binding's topic, where the binding's applier writes them like streamed
 * changes. A full copy then reads the target's keys and publishes a delete for each key no source
 * row mapped to; an incremental copy reads only rows whose watermark reached the stored one, and
 * stores the new watermark once Kafka acknowledged every record of the copy. Not thread-safe: its
 * scheduler runs one copy at a time.
 */
final class BatchCopier {

    private static final Logger LOG = LoggerFactory.getLogger(BatchCopier.class);

    /** The source position kind of batch events; the value is {@code <run id>:<row number>}. */
    static final String POSITION_KIND = "batch";

    private final CapturePipeline.MappedBinding binding;
    private final TableSchema target;
    private final BatchSpec spec;
    private final BatchTableReader sourceRows;
    private final BatchTableReader targetRows;
    private final WatermarkStore watermarks;
    private final ChangePublisher publisher;
    private final RefusalParkingPublisher deletes;
    private final DeadLetterSink deadLetters;
    private final PipelineListener listener;
    private final Clock clock;
    private BulkFullCopy bulk;

    /**
     * @param target the schema the binding's route writes, whose keys a full copy compares
     */
    BatchCopier(String binding, TableMapping mapping, SystemSide source, TableSchema target, BatchSpec spec,
            BatchTableReader sourceRows, BatchTableReader targetRows, WatermarkStore watermarks,
            ChangePublisher publisher, DeadLetterSink deadLetters, PipelineListener listener, Clock clock) {
        this.binding = new CapturePipeline.MappedBinding(binding, mapping, source);
        this.target = target;
        this.spec = spec;
        this.sourceRows = sourceRows;
        this.targetRows = targetRows;
        this.watermarks = watermarks;
        this.publisher = publisher;
        this.deletes = new RefusalParkingPublisher(publisher, deadLetters, listener);
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.clock = clock;
    }

    /** The table the copy reads, with the binding's key. */
    TableSchema sourceSchema() {
        return binding.source() == SystemSide.LEGACY ? binding.mapping().legacySchema() : binding.mapping().newSchema();
    }

    /**
     * Makes full copies go through {@code bulk} instead of Kafka; the first that fails hands this
     * and every later copy back to Kafka until the bridge restarts, as a cause that stopped one bulk
     * copy (a row the mapping refuses, no CREATE on the target's schema) will stop the next.
     */
    BatchCopier inBulk(BulkFullCopy bulk) {
        this.bulk = spec.incremental() ? null : bulk;
        return this;
    }

    /** Copies once; an exception leaves the stored watermark where the last successful copy put it. */
    BatchRun run(String runId) throws Exception {
        Instant started = clock.instant();
        if (bulk != null) {
            try {
                StagedFullCopy.Outcome copied = bulk.copy();
                LOG.info("Batch binding '{}' run {}: copied in bulk, {} rows read, {} inserted or changed, {} deleted", binding.name(),
                        runId, copied.copied(), copied.written(), copied.deleted());
                return new BatchRun(runId, started, clock.instant(), copied.copied(), copied.deleted(), 0, null);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                bulk = null;
                LOG.warn("Batch binding '{}' run {}: the copy in bulk failed, so this and later copies go through Kafka until the"
                        + " bridge restarts: {}", binding.name(), runId, e.toString());
            }
        }
        Run run = new Run(runId, started, pipeline(started));
        if (spec.incremental()) {
            copyIncremental(run);
        } else {
            sourceRows.forEachRow(sourceSchema(), run::add);
            run.flush();
            deleteMissing(run);
        }
        return new BatchRun(runId, started, clock.instant(), run.rows, run.deletes, run.deadLettered, null);
    }

    /**
     * The pipeline one copy's pages go through. Its clock stands at the copy's start, the commit
     * time of every row the copy reads, so a row is reported with no capture lag however long the
     * copy takes: it is read as it stands now. Without a log to replay there is no drift to hold
     * changes for (the guard is off), so a row that cannot be mapped is dead-lettered.
     */
    private CapturePipeline pipeline(Instant started) {
        return new CapturePipeline(List.of(binding), publisher, deadLetters, listener, Clock.fixed(started, ZoneOffset.UTC));
    }

    private void copyIncremental(Run run) throws Exception {
        ColumnDef column = sourceSchema().column(spec.watermark()).orElseThrow(() -> new IllegalStateException(
                "watermark column " + spec.watermark() + " is not in " + sourceSchema().table()));
        Watermark last = watermarks.load(column.name(), column.type());
        WatermarkBoundary next = new WatermarkBoundary(last);
        BatchTableReader.RowSink sink = row -> {
            Object value = row.get(column.name());
            boolean atLast = last != null && value != null && Watermark.compare(value, last.value()) == 0;
            // A row's digest matters only at the last copy's boundary or at this copy's: hashing every row would be wasted.
            String digest = atLast || next.reaches(value) ? Watermark.digest(row) : null;
            next.see(value, digest);
            if (!atLast || !last.boundary().contains(digest)) {
                run.add(row);
            }
        };
        if (last == null) {
            sourceRows.forEachRow(sourceSchema(), sink);
        } else {
            sourceRows.forEachRowFrom(sourceSchema(), column, last.value(), sink);
        }
        run.flush();
        Watermark reached = next.watermark(column);
        if (reached != null) {
            // Only now: every record of this copy is acknowledged, so a crash before here repeats the copy.
            watermarks.save(reached);
        }
    }

    /** Publishes a delete for every target key no source row of this copy mapped to. */
    private void deleteMissing(Run run) throws Exception {
        if (run.unmapped > 0) {
            // A row that could not be mapped has no target key: deleting by absence would remove its target row.
            LOG.warn("Batch binding '{}' run {}: {} rows could not be mapped, so deleted rows are not looked for this"
                    + " time", binding.name(), run.id, run.unmapped);
            return;
        }
        List<ChangeEvent> page = new ArrayList<>();
        targetRows.forEachKey(target, key -> {
            if (!run.targetKeys.contains(key)) {
                page.add(ChangeEvent.delete(binding.source(), target.table(), target.keyColumns(), key, run.started,
                        run.nextPosition(), null));
                if (page.size() >= spec.pageSize()) {
                    publishDeletes(run, page);
                }
            }
        });
        publishDeletes(run, page);
    }

    private void publishDeletes(Run run, List<ChangeEvent> page) throws Exception {
        if (page.isEmpty()) {
            return;
        }
        int refused = deletes.publish(binding.name(), List.copyOf(page));
        run.deletes += page.size() - refused;
        run.deadLettered += refused;
        page.clear();
    }

    /** The state of one copy: the page being filled, counts, and the target keys a full copy saw. */
    private final class Run {
        private final String id;
        private final Instant started;
        private final CapturePipeline pipeline;
        private List<ChangeEvent> page = new ArrayList<>();
        private final Set<RowImage> targetKeys = new HashSet<>();
        private long sequence;
        private long rows;
        private long deletes;
        private long deadLettered;
        private long unmapped;

        Run(String id, Instant started, CapturePipeline pipeline) {
            this.id = id;
            this.started = started;
            this.pipeline = pipeline;
        }

        SourcePosition nextPosition() {
            return new SourcePosition(POSITION_KIND, id + ":" + ++sequence);
        }

        void add(RowImage row) throws Exception {
            page.add(ChangeEvent.read(binding.source(), sourceSchema().table(), sourceSchema().keyColumns(), row, started,
                    nextPosition()));
            if (page.size() >= spec.pageSize()) {
                flush();
            }
        }

        /**
         * Hands the page to the pipeline, which maps it, parks what cannot be mapped or what the
         * publisher refuses, publishes the rest and waits for Kafka's acknowledgement. A refused row
         * keeps its target key among those seen, so a full copy does not delete its target row.
         */
        void flush() throws Exception {
            if (page.isEmpty()) {
                return;
            }
            PageOutcome outcome = pipeline.offer(page);
            page = new ArrayList<>();
            rows += outcome.offered();
            deadLettered += outcome.deadLettered();
            unmapped += outcome.unmapped();
            if (!spec.incremental()) {
                outcome.mapped().forEach(out -> targetKeys.add(out.after().project(target.keyColumns())));
            }
        }
    }
}
