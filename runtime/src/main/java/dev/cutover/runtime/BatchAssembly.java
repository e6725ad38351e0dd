package dev.cutover.runtime;

import dev.cutover.config.DatabaseKind;
import dev.cutover.config.SystemOptions;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.runtime.batch.BatchScheduler;
import dev.cutover.runtime.batch.BulkFullCopy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the copy scheduler of a {@code batch} binding, which shares the publisher and appliers with
 * the streamed bindings; a full copy into PostgreSQL is done in bulk ({@link BatchBulkCopy}).
 */
final class BatchAssembly {

    private static final Logger LOG = LoggerFactory.getLogger(BatchAssembly.class);

    private BatchAssembly() {
    }

    static void start(BridgeWiring w, CompiledBinding b) {
        SystemOptions target = w.config().system(b.target());
        JdbcConnectionFactory targetDb = BindingCompiler.connections(target);
        // Full copies into PostgreSQL go database to database, as initial loads do; incremental ones are small, through Kafka.
        BulkFullCopy bulk = null;
        if (target.kind() == DatabaseKind.POSTGRESQL && !b.options().batch().incremental()) {
            String risk = SnapshotCopies.roundingRisk(b);
            if (risk == null) {
                bulk = new BatchBulkCopy(b, targetDb, w);
            } else {
                LOG.info("Batch binding '{}' copies row by row through Kafka, not in bulk: {}", b.name(), risk);
            }
        }
        w.components().batches().put(b.name(), BatchScheduler.start(b.name(), b.options().batch(), b.mapping(), b.source(),
                b.route().targetSchema(), BindingCompiler.connections(w.config().system(b.source())), targetDb, w.config().dataDir(),
                w.kafka().publisher(), w.desks().deadLetters().ledger(), w.metrics(), w.clock(), w.registry(),
                w.control().pausedByOperator(b.name()), bulk));
    }
}
