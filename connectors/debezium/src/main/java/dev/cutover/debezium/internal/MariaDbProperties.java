package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import dev.cutover.debezium.CaptureOptions;
import dev.cutover.debezium.CapturedTable;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/** The MariaDB connector's part of {@link DebeziumProperties}. Pure. */
final class MariaDbProperties {

    private static final long MIN_KEEP_ALIVE_MS = 1_000;

    private MariaDbProperties() {
    }

    static void connection(CaptureOptions o, Properties p) {
        JdbcEndpoint url = o.endpoint();
        p.setProperty("database.hostname", url.host());
        p.setProperty("database.port", Integer.toString(url.port()));
        p.setProperty("database.user", o.user());
        p.setProperty("database.password", o.password() == null ? "" : o.password());
        p.setProperty("database.server.id", Long.toString(DebeziumProperties.binlogClientId(o)));
        // The server sends the binlog client a heartbeat event every 0.8 keep-alive intervals when it has nothing else to send;
        // Debezium emits its heartbeats (and runs the heartbeat query) only on incoming events, so an idle server must send them.
        p.setProperty("connect.keep.alive.interval.ms", Long.toString(keepAliveInterval(o)));
    }

    /** A keep-alive interval whose server heartbeats come about once per capture heartbeat interval; at least one second. */
    static long keepAliveInterval(CaptureOptions o) {
        return Math.max(MIN_KEEP_ALIVE_MS, o.heartbeatInterval().toMillis() * 5 / 4);
    }

    static void capture(CaptureOptions o, Properties p) {
        // Only the captured databases: the schema snapshot at first start then reads no other database's tables.
        p.setProperty("database.include.list", databaseIncludeList(o));
        p.setProperty("schema.history.internal", DebeziumProperties.FILE_SCHEMA_HISTORY);
        p.setProperty("schema.history.internal.file.filename", DebeziumProperties.historyFile(o).toString());
        p.setProperty("include.schema.changes", "false");
        // The first start reads only table definitions (no rows), in moments; a global read lock for it would wait for every
        // open transaction on the server (up to snapshot.lock.timeout.ms) and then stall the server's writers. Safe while no
        // DDL runs on the captured databases during that first start.
        p.setProperty("snapshot.locking.mode", "none");
        // DATE, TIME and DATETIME with their declared precision; TIMESTAMP as an instant in UTC.
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        // BIGINT UNSIGNED beyond Long.MAX_VALUE must not wrap around.
        p.setProperty("bigint.unsigned.handling.mode", "precise");
        // TINYINT(1) (BOOLEAN) as a boolean, as the MariaDB JDBC driver reads it.
        p.setProperty("converters", "boolean");
        p.setProperty("boolean.type", "io.debezium.connector.binlog.converters.TinyIntOneToBooleanConverter");
    }

    /** Every database holding a captured table or one of the capture's own tables, as exact regular expressions. */
    static String databaseIncludeList(CaptureOptions o) {
        Set<String> databases = new LinkedHashSet<>();
        for (CapturedTable t : o.tables()) {
            databases.add(t.table().schema());
        }
        databases.add(o.heartbeatTable().schema());
        databases.add(o.signalTable().schema());
        TableId marker = o.echoMarkerTable();
        if (marker != null) {
            databases.add(marker.schema());
        }
        return databases.stream().map(SqlIdentifiers::literalRegex).collect(Collectors.joining(","));
    }
}
