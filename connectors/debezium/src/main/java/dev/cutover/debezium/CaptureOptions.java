package dev.cutover.debezium;

import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.debezium.internal.JdbcEndpoint;
import dev.cutover.debezium.internal.MariaDbJdbcUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a {@link DebeziumCaptureSource} needs: which database, which tables, where to keep
 * its position, and how to pace itself. Immutable and thread-safe.
 *
 * <p>The JDBC URL tells the database family ({@link #kind()}): {@code jdbc:postgresql:} for a
 * {@link PostgresCaptureSource}, {@code jdbc:mariadb:} for a {@link MariaDbCaptureSource}. On
 * MariaDB the "schema" of every {@link TableId} is the database, and the builder puts the
 * heartbeat, signal and echo marker tables into the URL's database; the slot and publication
 * names mean nothing there (the heartbeat row is still keyed by the slot name).
 *
 * <p>Construction validates every component and reports all problems together in one
 * {@link IllegalArgumentException}, one line per problem naming the component. Use
 * {@link #builder(String, SystemSide)}: it derives the names and has defaults for what only the
 * capture knows ({@link #DEFAULT_SNAPSHOT_CHUNK_SIZE}, ...), but the pacing the configuration's
 * {@code tuning} section sets (poll interval, batch size, heartbeat interval) must be given: the
 * configuration is their one source of defaults. {@link #toString()} hides the password.
 *
 * @param bridge the bridge name: lowercase letters, digits, {@code _} and {@code -}, starting
 *     with a letter or digit, at most {@value #MAX_BRIDGE_NAME_LENGTH} characters
 * @param side which system's database this capture reads; the origin of its events
 * @param jdbcUrl {@code jdbc:postgresql://host[:port]/database} or
 *     {@code jdbc:mariadb://host[:port]/database}, without query parameters
 * @param user the database user. PostgreSQL: needs the REPLICATION attribute (or superuser),
 *     CREATE on the database for the publication, ownership of the captured tables, of the
 *     heartbeat table and of the signal table for a filtered publication, SELECT on the captured
 *     tables, INSERT on the signal table, and CREATE on the schema of the heartbeat or signal
 *     table when that table does not exist yet. MariaDB: needs SELECT, SHOW DATABASES,
 *     REPLICATION SLAVE and BINLOG MONITOR (before MariaDB 10.5: REPLICATION CLIENT) globally,
 *     INSERT and UPDATE on the heartbeat and signal tables, and CREATE on the
 *     database while those do not exist yet
 * @param password the user's password; null when the server does not ask for one
 * @param tables the captured tables with their key columns; not empty, each table once
 * @param offsetFile the file that keeps the capture's position across restarts; its directory
 *     must be writable, and it must belong to this capture alone; the record of requested loads
 *     of existing rows is kept beside it, in {@code <offsetFile>.snapshots}, and on MariaDB the
 *     schema history of the captured databases, in {@code <offsetFile>.history}
 * @param pollInterval how long Debezium waits for more changes before handing over a batch
 * @param maxBatchSize the most changes in one batch
 * @param heartbeatInterval how often the capture writes to the heartbeat table and reports a
 *     heartbeat; this is what lets an idle capture confirm its position so the server can
 *     recycle WAL
 * @param snapshotMode what to do with the rows a table holds when the capture first reads it
 * @param snapshotChunkSize how many rows one chunk of a load of existing rows reads (see
 *     {@link SnapshotMode#INITIAL}); Debezium holds a chunk in memory while it is in flight
 * @param slotName the logical replication slot: lowercase letters, digits and {@code _}, at most
 *     63 characters
 * @param publicationName the publication: lowercase letters, digits and {@code _}, starting with
 *     a letter or {@code _}, at most 63 characters
 * @param heartbeatTable the table the heartbeat writes to; created when missing and added to the
 *     publication; must not be one of {@code tables}
 * @param signalTable the table through which the capture asks Debezium to load existing rows and
 *     Debezium writes its chunk watermarks; created when missing and added to the publication;
 *     one per capture (a capture acts on every signal it reads), so it must be neither the
 *     heartbeat table nor one of {@code tables}; schema and table name of lowercase letters,
 *     digits and {@code _}
 * @param offsetFlushInterval how often acknowledged positions are written to {@code offsetFile}
 *     and confirmed to the slot; zero writes after every batch
 * @param maxRetries how often Debezium retries after a retriable error (e.g. a lost connection)
 *     before the capture fails
 * @param shutdownTimeout how long {@link PostgresCaptureSource#close()} waits for the engine
 * @param echoMarkerTable where the appliers writing into this database mark their transactions
 *     (two-way sync); when set, the capture drops every change of a transaction that carries a
 *     marker naming {@code bridge}, as that transaction is this bridge's own write coming back.
 *     Created when missing and added to the publication; must be neither the heartbeat table, the
 *     signal table nor one of {@code tables}. Null when echoes are not suppressed
 * @param skipsOriginTagged PostgreSQL 16 and later: the server leaves out every change written by a
 *     session tagged with a replication origin (pgoutput's {@code origin=none}), so the echoes of an
 *     applier tagging its sessions with the bridge's origins are never decoded. Nothing written
 *     under any origin reaches the capture, so it is for a database whose only origins are the
 *     bridge's (see {@code ReplicationOrigins})
 */
public record CaptureOptions(
        String bridge,
        SystemSide side,
        String jdbcUrl,
        String user,
        String password,
        List<CapturedTable> tables,
        Path offsetFile,
        Duration pollInterval,
        int maxBatchSize,
        Duration heartbeatInterval,
        SnapshotMode snapshotMode,
        int snapshotChunkSize,
        String slotName,
        String publicationName,
        TableId heartbeatTable,
        TableId signalTable,
        Duration offsetFlushInterval,
        int maxRetries,
        Duration shutdownTimeout,
        TableId echoMarkerTable,
        boolean skipsOriginTagged) {

    /** Longest bridge name, so that derived slot and publication names fit PostgreSQL's 63 characters. */
    public static final int MAX_BRIDGE_NAME_LENGTH = 40;
    public static final SnapshotMode DEFAULT_SNAPSHOT_MODE = SnapshotMode.INITIAL;
    public static final int DEFAULT_SNAPSHOT_CHUNK_SIZE = 2048;
    public static final TableId DEFAULT_HEARTBEAT_TABLE = new TableId("public", "cutover_heartbeat");
    public static final Duration DEFAULT_OFFSET_FLUSH_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_RETRIES = 10;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** The marker table {@link Builder#suppressEchoes()} uses, the JDBC applier's default: {@code public.cutover_apply_marker}. */
    public static final TableId DEFAULT_ECHO_MARKER_TABLE = new TableId("public", "cutover_apply_marker");

    public CaptureOptions {
        tables = tables == null ? null : List.copyOf(tables);
        List<String> problems = new ArrayList<>();
        CaptureOptionsChecks.checkNames(bridge, side, slotName, publicationName, problems);
        CaptureOptionsChecks.checkConnection(jdbcUrl, user, problems);
        CaptureOptionsChecks.checkHelperTables(heartbeatTable, signalTable, problems);
        CaptureOptionsChecks.checkEchoMarkerTable(echoMarkerTable, tables, heartbeatTable, signalTable, problems);
        CaptureKind kind = CaptureKind.ofJdbcUrl(jdbcUrl);
        if (skipsOriginTagged && kind != null && kind != CaptureKind.POSTGRESQL) {
            problems.add("skipsOriginTagged: only PostgreSQL (16 or later) can leave out changes by origin, and " + jdbcUrl.split("//")[0]
                    + " is not PostgreSQL");
        }
        CaptureOptionsChecks.checkTables(tables, heartbeatTable, signalTable, snapshotMode, problems);
        CaptureOptionsChecks.checkPacing(pollInterval, maxBatchSize, heartbeatInterval, offsetFlushInterval, maxRetries, shutdownTimeout,
                problems);
        if (offsetFile == null) {
            problems.add("offsetFile: missing");
        }
        if (snapshotMode == null) {
            problems.add("snapshotMode: missing");
        }
        if (snapshotChunkSize < 1) {
            problems.add("snapshotChunkSize: " + snapshotChunkSize + " (expected at least 1)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid capture options" + (bridge == null ? "" : " for bridge '" + bridge + "'")
                    + ":\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * A builder with every default set; the slot and publication names and the signal table derive
     * from bridge and side.
     */
    public static Builder builder(String bridge, SystemSide side) {
        return new Builder(bridge, side);
    }

    /**
     * The slot and publication name used when none is given: {@code cutover_<bridge>_<side>}
     * with every {@code -} of the bridge name turned into {@code _}, since PostgreSQL allows no
     * {@code -} in slot names.
     */
    public static String defaultSlotName(String bridge, SystemSide side) {
        return "cutover_" + bridge.replace('-', '_') + "_" + side.label();
    }

    /**
     * The signal table used when none is given: {@code public.cutover_signal_<bridge>_<side>}
     * with every {@code -} of the bridge name turned into {@code _}; at most 62 characters.
     */
    public static TableId defaultSignalTable(String bridge, SystemSide side) {
        return new TableId("public", "cutover_signal_" + bridge.replace('-', '_') + "_" + side.label());
    }

    /**
     * The signal table used on MariaDB when none is given:
     * {@code <database>.cutover_signal_<bridge>_<side>}, named as {@link #defaultSignalTable(String, SystemSide)}.
     */
    public static TableId defaultSignalTable(String bridge, SystemSide side, String database) {
        return new TableId(database, defaultSignalTable(bridge, side).table());
    }

    /**
     * {@code defaultTable} (one of the capture's own tables, such as {@link #DEFAULT_HEARTBEAT_TABLE})
     * where a capture of {@code jdbcUrl} keeps it when none is given: in {@code public} on
     * PostgreSQL, in the URL's database on MariaDB (which has no schemas apart from databases).
     */
    public static TableId ownTable(String jdbcUrl, TableId defaultTable) {
        return new TableId(ownTablesSchema(jdbcUrl), defaultTable.table());
    }

    /** Where the capture's own tables go by default: {@code public} on PostgreSQL, the URL's database on MariaDB. */
    private static String ownTablesSchema(String jdbcUrl) {
        if (CaptureKind.ofJdbcUrl(jdbcUrl) == CaptureKind.MARIADB) {
            try {
                return MariaDbJdbcUrl.parse(jdbcUrl).database();
            } catch (IllegalArgumentException e) {
                // Reported by the validation of jdbcUrl; the PostgreSQL default keeps the other checks meaningful.
            }
        }
        return DEFAULT_HEARTBEAT_TABLE.schema();
    }

    /** The database family {@link #jdbcUrl()} names. */
    public CaptureKind kind() {
        return CaptureKind.ofJdbcUrl(jdbcUrl);
    }

    /** The host, port and database named by {@link #jdbcUrl()}. */
    public JdbcEndpoint endpoint() {
        return kind().endpoint(jdbcUrl);
    }

    /** True when the capture drops the echoes of this bridge's own applier; see {@link #echoMarkerTable()}. */
    public boolean suppressesEchoes() {
        return echoMarkerTable != null;
    }

    /** A short identity for thread names, logs and messages: {@code <bridge>/<side>}. */
    public String captureName() {
        return bridge + "/" + side.label();
    }

    @Override
    public String toString() {
        return "CaptureOptions[bridge=" + bridge + ", side=" + side + ", jdbcUrl=" + jdbcUrl + ", user=" + user
                + ", password=" + (password == null ? "none" : "[hidden]") + ", tables=" + tables + ", offsetFile=" + offsetFile
                + ", pollInterval=" + pollInterval + ", maxBatchSize=" + maxBatchSize + ", heartbeatInterval=" + heartbeatInterval
                + ", snapshotMode=" + snapshotMode + ", snapshotChunkSize=" + snapshotChunkSize + ", slotName=" + slotName
                + ", publicationName=" + publicationName + ", heartbeatTable=" + heartbeatTable + ", signalTable=" + signalTable
                + ", offsetFlushInterval=" + offsetFlushInterval + ", maxRetries=" + maxRetries
                + ", shutdownTimeout=" + shutdownTimeout + ", echoMarkerTable=" + (echoMarkerTable == null ? "none" : echoMarkerTable)
                + ", skipsOriginTagged=" + skipsOriginTagged + "]";
    }

    /**
     * Collects options one by one, starting from the defaults. Not thread-safe. {@link #build()}
     * validates; the setters only store.
     */
    public static final class Builder {
        private final String bridge;
        private final SystemSide side;
        private String jdbcUrl;
        private String user;
        private String password;
        private final List<CapturedTable> tables = new ArrayList<>();
        private Path offsetFile;
        // No defaults: the configuration's tuning section is their one source (tuning.capture-*, heartbeat-interval).
        private Duration pollInterval;
        private int maxBatchSize;
        private Duration heartbeatInterval;
        private SnapshotMode snapshotMode = DEFAULT_SNAPSHOT_MODE;
        private int snapshotChunkSize = DEFAULT_SNAPSHOT_CHUNK_SIZE;
        private String slotName;
        private String publicationName;
        private TableId heartbeatTable;
        private TableId signalTable;
        private Duration offsetFlushInterval = DEFAULT_OFFSET_FLUSH_INTERVAL;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private TableId echoMarkerTable;
        private boolean defaultEchoMarkerTable;
        private boolean skipsOriginTagged;

        private Builder(String bridge, SystemSide side) {
            this.bridge = bridge;
            this.side = side;
        }

        /** The database and the credentials; {@code password} may be null. */
        public Builder database(String jdbcUrl, String user, String password) {
            this.jdbcUrl = jdbcUrl;
            this.user = user;
            this.password = password;
            return this;
        }

        /** Adds a captured table keyed by {@code keyColumns}. */
        public Builder table(TableId table, String... keyColumns) {
            tables.add(CapturedTable.of(table, keyColumns));
            return this;
        }

        /** Adds captured tables. */
        public Builder tables(List<CapturedTable> captured) {
            tables.addAll(captured);
            return this;
        }

        public Builder offsetFile(Path file) {
            this.offsetFile = file;
            return this;
        }

        public Builder pollInterval(Duration interval) {
            this.pollInterval = interval;
            return this;
        }

        public Builder maxBatchSize(int size) {
            this.maxBatchSize = size;
            return this;
        }

        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = interval;
            return this;
        }

        public Builder snapshotMode(SnapshotMode mode) {
            this.snapshotMode = mode;
            return this;
        }

        public Builder snapshotChunkSize(int rows) {
            this.snapshotChunkSize = rows;
            return this;
        }

        /** Overrides the derived slot name {@link #defaultSlotName}. */
        public Builder slotName(String name) {
            this.slotName = name;
            return this;
        }

        /** Overrides the derived publication name {@link #defaultSlotName}. */
        public Builder publicationName(String name) {
            this.publicationName = name;
            return this;
        }

        /**
         * Overrides the heartbeat table: {@link #DEFAULT_HEARTBEAT_TABLE} on PostgreSQL,
         * {@code <database>.cutover_heartbeat} on MariaDB.
         */
        public Builder heartbeatTable(TableId table) {
            this.heartbeatTable = table;
            return this;
        }

        /** Overrides the derived signal table {@link #defaultSignalTable}. */
        public Builder signalTable(TableId table) {
            this.signalTable = table;
            return this;
        }

        public Builder offsetFlushInterval(Duration interval) {
            this.offsetFlushInterval = interval;
            return this;
        }

        public Builder maxRetries(int retries) {
            this.maxRetries = retries;
            return this;
        }

        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = timeout;
            return this;
        }

        /**
         * Drops the echoes of this bridge's own applier, recognised by its markers in
         * {@code markerTable}; null turns suppression off (the default).
         */
        public Builder suppressEchoes(TableId markerTable) {
            this.echoMarkerTable = markerTable;
            this.defaultEchoMarkerTable = false;
            return this;
        }

        /**
         * Drops the echoes of this bridge's own applier, marked in {@link #DEFAULT_ECHO_MARKER_TABLE}
         * on PostgreSQL, in {@code <database>.cutover_apply_marker} on MariaDB.
         */
        public Builder suppressEchoes() {
            this.echoMarkerTable = null;
            this.defaultEchoMarkerTable = true;
            return this;
        }

        /**
         * Asks PostgreSQL (16 or later) to leave out every change written under a replication
         * origin; see {@link CaptureOptions#skipsOriginTagged()}.
         */
        public Builder skipOriginTagged() {
            this.skipsOriginTagged = true;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException listing every problem
         */
        public CaptureOptions build() {
            boolean canDerive = bridge != null && side != null;
            String slot = slotName != null || !canDerive ? slotName : defaultSlotName(bridge, side);
            String publication = publicationName != null || !canDerive ? publicationName : defaultSlotName(bridge, side);
            String ownSchema = ownTablesSchema(jdbcUrl);
            TableId signal = signalTable != null || !canDerive ? signalTable : defaultSignalTable(bridge, side, ownSchema);
            TableId heartbeat = heartbeatTable != null ? heartbeatTable : ownTable(jdbcUrl, DEFAULT_HEARTBEAT_TABLE);
            TableId marker = !defaultEchoMarkerTable ? echoMarkerTable : ownTable(jdbcUrl, DEFAULT_ECHO_MARKER_TABLE);
            return new CaptureOptions(bridge, side, jdbcUrl, user, password, tables, offsetFile, pollInterval, maxBatchSize,
                    heartbeatInterval, snapshotMode, snapshotChunkSize, slot, publication, heartbeat, signal, offsetFlushInterval,
                    maxRetries, shutdownTimeout, marker, skipsOriginTagged);
        }
    }
}
