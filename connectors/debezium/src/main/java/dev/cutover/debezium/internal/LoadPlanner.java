package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import dev.cutover.debezium.CaptureOptions;
import dev.cutover.debezium.CapturedTable;
import dev.cutover.debezium.SnapshotMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes a capture's {@link LoadPlan} at start from the database, the offset file and the ledger. */
public final class LoadPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(LoadPlanner.class);

    private LoadPlanner() {
    }

    /**
     * Which tables need a load of existing rows. Rewrites the ledger when it records tables that no
     * longer count (removed from the capture, or the slot or the stored position is gone), and logs
     * the plan. Reads nothing with {@link SnapshotMode#NO_DATA}.
     *
     * @param logRetained whether the server still keeps the capture's place in its log (PostgreSQL:
     *     the replication slot exists; MariaDB: always, a purged binlog makes Debezium fail instead)
     * @throws IOException when the ledger cannot be read or rewritten
     */
    public static LoadPlan plan(CaptureOptions options, LoadLedger ledger, boolean logRetained) throws IOException {
        if (options.snapshotMode() == SnapshotMode.NO_DATA) {
            return LoadPlan.of(SnapshotMode.NO_DATA, List.of(), Set.of(), false, false, Set.of());
        }
        Path offsets = options.offsetFile();
        // Kafka's file offset store writes the file only when it stores a position.
        boolean positionStored = Files.isRegularFile(offsets) && Files.size(offsets) > 0;
        boolean slotExists = logRetained;
        List<TableId> tables = options.tables().stream().map(CapturedTable::table).toList();
        Set<TableId> inSync = options.tables().stream().filter(CapturedTable::inSync).map(CapturedTable::table)
                .collect(java.util.stream.Collectors.toSet());
        LoadPlan plan = LoadPlan.of(SnapshotMode.INITIAL, tables, ledger.read(), slotExists, positionStored, inSync);
        if (plan.ledgerChanged()) {
            ledger.write(plan.requested());
        }
        if (plan.pending().isEmpty()) {
            LOG.info("capture {}: the existing rows of every table were requested before; a load in progress resumes from the stored"
                    + " position", options.captureName());
        } else {
            LOG.info("capture {} will request loading the existing rows of {} once it streams (log position {}, stored position {})",
                    options.captureName(), plan.pending(), slotExists ? "retained" : "new", positionStored ? "found" : "none");
        }
        return plan;
    }
}
