package dev.cutover.cli.check;

import dev.cutover.config.BindingOptions;
import dev.cutover.config.BridgeConfig;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.debezium.CaptureOptions;
import dev.cutover.runtime.BridgeRoles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The captures a bridge runs, one per system that streaming bindings read, named as the service
 * names them: replication slot and publication, the heartbeat, signal and echo-marker tables
 * that join the publication, and the offset file under the data directory. Immutable.
 */
public final class CaptureLayout {

    /**
     * One capture.
     *
     * @param side the captured system
     * @param tables the captured tables, each with the first binding that reads it
     * @param slot the replication slot
     * @param publication the publication, filtered to {@link #publishedTables()}
     * @param heartbeatTable where the capture's heartbeats are written
     * @param signalTable where loads of existing rows are requested
     * @param echoMarkerTable where the follower's applier marks its transactions; null unless echoes are suppressed
     * @param offsetFile where the capture keeps its position
     */
    public record Capture(SystemSide side, Map<TableId, BindingOptions> tables, String slot, String publication,
            TableId heartbeatTable, TableId signalTable, TableId echoMarkerTable, Path offsetFile) {

        /** Every table the publication lists: the captured ones, then the capture's own tables. */
        public List<TableId> publishedTables() {
            List<TableId> all = new ArrayList<>(tables.keySet());
            all.addAll(ownTables());
            return all;
        }

        /** The tables the capture creates when missing: heartbeat, signal and, when echoes are suppressed, the marker table. */
        public List<TableId> ownTables() {
            List<TableId> own = new ArrayList<>(List.of(heartbeatTable, signalTable));
            if (echoMarkerTable != null) {
                own.add(echoMarkerTable);
            }
            return own;
        }

        /**
         * True when the offset file holds a stored position (the file store writes the file only
         * when it stores one): the capture then resumes instead of starting afresh.
         */
        public boolean positionStored() {
            try {
                return Files.isRegularFile(offsetFile) && Files.size(offsetFile) > 0;
            } catch (IOException e) {
                return false;
            }
        }
    }

    private final List<Capture> captures = new ArrayList<>();

    public CaptureLayout(BridgeConfig config) {
        boolean twoWay = config.bindings().stream().anyMatch(BindingSides::twoWay);
        for (SystemSide side : SystemSide.values()) {
            Map<TableId, BindingOptions> tables = new LinkedHashMap<>();
            for (BindingOptions b : config.bindings()) {
                if (BindingSides.captured(b).contains(side)) {
                    tables.putIfAbsent(BindingSides.table(b, side), b);
                }
            }
            if (tables.isEmpty()) {
                continue;
            }
            String name = CaptureOptions.defaultSlotName(config.name(), side);
            String url = config.system(side).jdbcUrl();
            TableId signalTable = CaptureOptions.ownTable(url, CaptureOptions.defaultSignalTable(config.name(), side));
            captures.add(new Capture(side, tables, name, name, CaptureOptions.ownTable(url, CaptureOptions.DEFAULT_HEARTBEAT_TABLE),
                    signalTable, twoWay && side != BridgeRoles.ARBITER ? CaptureOptions.ownTable(url, CaptureOptions.DEFAULT_ECHO_MARKER_TABLE) : null,
                    BridgeRoles.offsetFile(config, side)));
        }
    }

    /** The captures, legacy first. */
    public List<Capture> captures() {
        return List.copyOf(captures);
    }

    /** The capture of {@code side}, if any binding streams from it. */
    public Optional<Capture> capture(SystemSide side) {
        return captures.stream().filter(c -> c.side() == side).findFirst();
    }
}
