package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import dev.cutover.debezium.CaptureKind;
import dev.cutover.debezium.CaptureOptions;
import dev.cutover.debezium.CapturedTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

/**
 * Translates {@link CaptureOptions} into the embedded engine's and the connector's properties,
 * for PostgreSQL or MariaDB by {@link CaptureOptions#kind()}. Pure. For PostgreSQL the result
 * never holds the password: it names the token under which the capture registered it with
 * {@link PasswordPlugin}. MariaDB's binlog client takes the password only as
 * {@code database.password}; Debezium masks it when it logs its configuration.
 */
public final class DebeziumProperties {

    static final String CONNECTOR_CLASS = "io.debezium.connector.postgresql.PostgresConnector";
    static final String MARIADB_CONNECTOR_CLASS = "io.debezium.connector.mariadb.MariaDbConnector";
    static final String FILE_SCHEMA_HISTORY = "io.debezium.storage.file.history.FileSchemaHistory";
    /** Appended to the offset file's name for the file that keeps a MariaDB capture's schema history. */
    public static final String HISTORY_SUFFIX = ".history";
    /** The lowest binlog client server id a capture derives; ids of real replicas are usually far below. */
    static final long SERVER_ID_BASE = 0x4000_0000L;
    static final String NUMERIC_CONVERTER = "cutover_numeric";
    static final String FILE_OFFSET_STORE = "org.apache.kafka.connect.storage.FileOffsetBackingStore";
    /** Debezium's queue must be larger than a batch; four batches keep the reader busy while one is handled. */
    private static final int QUEUE_BATCHES = 4;

    private DebeziumProperties() {
    }

    /**
     * The complete engine configuration for {@code options}.
     *
     * @param passwordToken the token of the password registered with {@link PasswordPlugin}; null
     *     when the options have no password (ignored for MariaDB)
     */
    public static Properties of(CaptureOptions options, HeartbeatTable heartbeat, SignalTable signal, String passwordToken) {
        Properties p = new Properties();
        engine(options, p);
        if (options.kind() == CaptureKind.MARIADB) {
            MariaDbProperties.connection(options, p);
            MariaDbProperties.capture(options, p);
        } else {
            connection(options, passwordToken, p);
            capture(options, p);
        }
        common(options, heartbeat, signal, p);
        loads(options, signal, p);
        events(options, p);
        return p;
    }

    /** The schema history file of a MariaDB capture: {@code <offset file>.history}. */
    public static Path historyFile(CaptureOptions options) {
        Path offsets = options.offsetFile().toAbsolutePath();
        return offsets.resolveSibling(offsets.getFileName() + HISTORY_SUFFIX);
    }

    /**
     * The server id under which a MariaDB capture reads the binlog, like a replica: derived from
     * the engine name, so that it stays the same across restarts and differs between captures
     * (two clients with one id make the server drop the older).
     */
    public static long binlogClientId(CaptureOptions options) {
        CRC32 crc = new CRC32();
        crc.update(engineName(options).getBytes(StandardCharsets.UTF_8));
        return SERVER_ID_BASE + (crc.getValue() & 0x3FFF_FFFFL);
    }

    /** The engine name and the topic prefix: {@code cutover-<bridge>-<side>}, unique per capture. */
    public static String engineName(CaptureOptions options) {
        return "cutover-" + options.bridge() + "-" + options.side().label();
    }

    private static void engine(CaptureOptions o, Properties p) {
        p.setProperty("name", engineName(o));
        p.setProperty("connector.class", o.kind() == CaptureKind.MARIADB ? MARIADB_CONNECTOR_CLASS : CONNECTOR_CLASS);
        p.setProperty("topic.prefix", engineName(o));
        p.setProperty("offset.storage", FILE_OFFSET_STORE);
        p.setProperty("offset.storage.file.filename", o.offsetFile().toAbsolutePath().toString());
        p.setProperty("offset.flush.interval.ms", Long.toString(o.offsetFlushInterval().toMillis()));
        p.setProperty("errors.max.retries", Integer.toString(o.maxRetries()));
        p.setProperty("errors.retry.delay.initial.ms", "300");
        p.setProperty("errors.retry.delay.max.ms", "10000");
        // Converting a record into the engine's event wrapper is trivial; one thread avoids a pool per capture.
        p.setProperty("record.processing.threads", "1");
    }

    private static void connection(CaptureOptions o, String passwordToken, Properties p) {
        JdbcEndpoint url = o.endpoint();
        p.setProperty("database.hostname", url.host());
        p.setProperty("database.port", Integer.toString(url.port()));
        p.setProperty("database.dbname", url.database());
        p.setProperty("database.user", o.user());
        p.setProperty("database.ApplicationName", engineName(o));
        if (passwordToken != null) {
            // Debezium passes database.* on to the JDBC driver, which asks the plugin for the password.
            p.setProperty("database.authenticationPluginClassName", PasswordPlugin.class.getName());
            p.setProperty("database." + PasswordPlugin.TOKEN_PROPERTY, passwordToken);
        }
    }

    private static void capture(CaptureOptions o, Properties p) {
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", o.slotName());
        p.setProperty("publication.name", o.publicationName());
        p.setProperty("publication.autocreate.mode", "filtered");
        // Every time and timestamp as microseconds, PostgreSQL's own precision, whatever the column's declared precision.
        p.setProperty("time.precision.mode", "microseconds");
        // numeric as exact text, NaN and the infinities included (see PostgresNumericConverter for why not decimal.handling.mode).
        p.setProperty("converters", NUMERIC_CONVERTER);
        p.setProperty(NUMERIC_CONVERTER + ".type", PostgresNumericConverter.class.getName());
        // A value Debezium cannot convert stops the capture with table and column named; its default writes null instead.
        p.setProperty("event.converting.failure.handling.mode", "fail");
        if (o.skipsOriginTagged()) {
            // PostgreSQL 16+: the applier's origin-tagged writes are filtered in the server, never decoded here.
            p.setProperty("slot.stream.params", "origin=none");
        }
    }

    private static void common(CaptureOptions o, HeartbeatTable heartbeat, SignalTable signal, Properties p) {
        p.setProperty("table.include.list", tableIncludeList(o.tables(), heartbeat.table(), signal.table(), o.echoMarkerTable()));
        p.setProperty("message.key.columns", messageKeyColumns(o.tables()));
        p.setProperty("poll.interval.ms", Long.toString(o.pollInterval().toMillis()));
        p.setProperty("max.batch.size", Integer.toString(o.maxBatchSize()));
        p.setProperty("max.queue.size", Integer.toString(o.maxBatchSize() * QUEUE_BATCHES));
        p.setProperty("heartbeat.interval.ms", Long.toString(o.heartbeatInterval().toMillis()));
        p.setProperty("heartbeat.action.query", heartbeat.actionQuery());
    }

    /**
     * Never Debezium's blocking snapshot: killed half way, it starts over at a later position on
     * restart and never reports the rows deleted in between. Existing rows come from incremental
     * snapshots instead, requested through the signal table (see {@link InitialLoads}).
     */
    private static void loads(CaptureOptions o, SignalTable signal, Properties p) {
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("signal.enabled.channels", "source");
        p.setProperty("signal.data.collection", signal.dataCollection());
        p.setProperty("incremental.snapshot.chunk.size", Integer.toString(o.snapshotChunkSize()));
        // Watermarks stay in the table (two small rows per chunk); with insert_delete any delete there, e.g. housekeeping, would be
        // taken for a closing watermark.
        p.setProperty("incremental.snapshot.watermarking.strategy", "insert_insert");
    }

    private static void events(CaptureOptions o, Properties p) {
        // Notifications come through the engine like records, in order; they report the progress of loads.
        p.setProperty("notification.enabled.channels", "sink");
        p.setProperty("notification.sink.topic.name", engineName(o) + ".notifications");
        // Every change names its transaction already (source.txId, MariaDB: source.gtid); BEGIN/END records would only cost
        // throughput.
        p.setProperty("provide.transaction.metadata", "false");
        p.setProperty("decimal.handling.mode", "precise");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("binary.handling.mode", "bytes");
    }

    /** {@code schema.table} of every captured table, the heartbeat table and the signal table, as exact regular expressions. */
    static String tableIncludeList(List<CapturedTable> tables, TableId heartbeatTable, TableId signalTable) {
        return tableIncludeList(tables, heartbeatTable, signalTable, null);
    }

    /** As {@link #tableIncludeList(List, TableId, TableId)}, followed by the echo marker table unless it is null. */
    static String tableIncludeList(List<CapturedTable> tables, TableId heartbeatTable, TableId signalTable, TableId echoMarkerTable) {
        List<String> patterns = new ArrayList<>(tables.size() + 3);
        for (CapturedTable t : tables) {
            patterns.add(qualifiedRegex(t.table()));
        }
        patterns.add(qualifiedRegex(heartbeatTable));
        patterns.add(qualifiedRegex(signalTable));
        if (echoMarkerTable != null) {
            patterns.add(qualifiedRegex(echoMarkerTable));
        }
        return String.join(",", patterns);
    }

    /**
     * {@code schema.table:col1,col2;...} for every captured table, so records are keyed by the
     * configured key. Set for every table, not only where the key differs from the primary key:
     * for a table keyed by its primary key it says what Debezium would do anyway.
     */
    static String messageKeyColumns(List<CapturedTable> tables) {
        return tables.stream()
                .map(t -> qualifiedRegex(t.table()) + ":"
                        + t.keyColumns().stream().map(SqlIdentifiers::literalRegex).collect(Collectors.joining(",")))
                .collect(Collectors.joining(";"));
    }

    static String qualifiedRegex(TableId table) {
        return SqlIdentifiers.literalRegex(table.schema()) + "\\." + SqlIdentifiers.literalRegex(table.table());
    }
}
