package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import dev.cutover.debezium.CaptureKind;
import dev.cutover.debezium.CaptureOptions;
import dev.cutover.debezium.CapturedTable;
import dev.cutover.jdbc.mariadb.BinlogSettings;
import dev.cutover.jdbc.postgres.ReplicaIdentity;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * MariaDB: the binary log, read by Debezium's MariaDB connector as a replica would, with the
 * captured databases' schema history in a file next to the offset file. Row images are complete
 * ({@code binlog_row_image=FULL} is checked at start), so no table needs its before images trimmed.
 */
public final class MariaDbFlavour implements CaptureFlavour {

    @Override
    public String databaseName() {
        return CaptureKind.MARIADB.support().displayName();
    }

    @Override
    public OwnTableSql ownTables() {
        return OwnTableSql.MARIADB;
    }

    @Override
    public PositionScheme positions() {
        return PositionScheme.BINLOG;
    }

    @Override
    public TransactionScheme transactions() {
        return TransactionScheme.BINLOG;
    }

    @Override
    public Connection connect(CaptureOptions options) throws SQLException {
        MariaDbJdbcUrl.parse(options.jdbcUrl());
        Properties props = new Properties();
        props.setProperty("user", options.user());
        if (options.password() != null) {
            props.setProperty("password", options.password());
        }
        return DriverManager.getConnection(options.jdbcUrl(), props);
    }

    @Override
    public Map<TableId, ReplicaIdentity> check(Connection connection, CaptureOptions options) throws SQLException {
        List<String> problems = new ArrayList<>(BinlogSettings.read(connection).problems(BinlogSettings.currentUser(connection)));
        for (CapturedTable table : options.tables()) {
            List<String> columns = OwnTableSql.MARIADB.columns(connection, table.table());
            if (columns.isEmpty()) {
                problems.add("table " + table.table() + " does not exist (or the user may not see it): database "
                        + table.table().schema() + ", table " + table.table().table());
                continue;
            }
            List<String> missing = table.keyColumns().stream().filter(k -> !columns.contains(k)).toList();
            if (!missing.isEmpty()) {
                problems.add("table " + table.table() + " is keyed by " + table.keyColumns() + " but has no column(s) " + missing
                        + "; its columns are " + columns);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        return Map.of();
    }

    /** The binlog keeps no per-client state: a stored position stays usable until its file is purged, which Debezium reports. */
    @Override
    public boolean logRetained(CaptureOptions options) {
        return true;
    }

    @Override
    public String retire(CaptureOptions options) {
        return "the binlog keeps nothing for a capture: nothing to release on the server";
    }

    @Override
    public Properties properties(CaptureOptions options, HeartbeatTable heartbeat, SignalTable signal) {
        return DebeziumProperties.of(options, heartbeat, signal, null);
    }

    @Override
    public void release() {
        // Nothing registered.
    }

    @Override
    public String describeSource(CaptureOptions options) {
        return "binlog as replica server id " + DebeziumProperties.binlogClientId(options) + ", schema history "
                + DebeziumProperties.historyFile(options);
    }
}
