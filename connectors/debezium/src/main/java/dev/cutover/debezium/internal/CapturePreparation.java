package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import dev.cutover.debezium.CaptureException;
import dev.cutover.debezium.CaptureOptions;
import dev.cutover.jdbc.postgres.ReplicaIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a capture learned from its database before its engine starts, and the work that learns it:
 * the offset file's directory is created; the server and the captured tables are checked (failing
 * when the server is not set up for capture, a table is missing or does not log its key); the
 * heartbeat, signal and (with echo suppression) echo marker tables are created when missing; and
 * the loads of existing rows are planned.
 *
 * @param identities each captured table's replica identity (PostgreSQL; empty elsewhere)
 * @param plan which tables' existing rows are still to be loaded
 * @param ledger the record of the loads requested, beside the offset file
 */
public record CapturePreparation(Map<TableId, ReplicaIdentity> identities, LoadPlan plan, LoadLedger ledger) {

    private static final Logger LOG = LoggerFactory.getLogger(CapturePreparation.class);

    /**
     * Prepares the database of {@code options}.
     *
     * @param echoMarkerTable null without echo suppression
     * @throws CaptureException when the server or a table is not as capture needs, naming the fix
     */
    public static CapturePreparation prepare(CaptureOptions options, CaptureFlavour flavour, SignalTable signalTable,
            HeartbeatTable heartbeatTable, EchoMarkerTable echoMarkerTable) throws IOException, SQLException {
        Path parent = options.offsetFile().toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Map<TableId, ReplicaIdentity> identities;
        try (Connection c = flavour.connect(options)) {
            try {
                identities = flavour.check(c, options);
                if (signalTable.ensureExists(c)) {
                    LOG.info("capture {} created signal table {}", options.captureName(), signalTable.table());
                }
            } catch (IllegalStateException e) {
                throw new CaptureException("capture " + options.captureName() + " cannot start: " + e.getMessage(), e);
            }
            if (heartbeatTable.ensureExists(c)) {
                LOG.info("capture {} created heartbeat table {}", options.captureName(), heartbeatTable.table());
            }
            if (echoMarkerTable != null && echoMarkerTable.ensureExists(c)) {
                LOG.info("capture {} created echo marker table {}", options.captureName(), echoMarkerTable.table());
            }
            if (!identities.isEmpty()) {
                LOG.info("capture {} replica identities: {}", options.captureName(), identities);
            }
        }
        LoadLedger ledger = LoadLedger.besides(options.offsetFile());
        return new CapturePreparation(identities, LoadPlanner.plan(options, ledger, flavour.logRetained(options)), ledger);
    }
}
