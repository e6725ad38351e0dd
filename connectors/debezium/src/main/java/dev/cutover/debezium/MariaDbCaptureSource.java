package dev.cutover.debezium;

import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.debezium.internal.MariaDbFlavour;

/**
 * Captures the row changes of MariaDB databases from the server's binary log, with Debezium's
 * MariaDB connector; see {@link DebeziumCaptureSource} for the contract common to all captures.
 *
 * <p><b>Server setup</b>, checked at start (the capture fails naming the setting and the fix):
 * {@code log_bin} on, {@code binlog_format=ROW}, {@code binlog_row_image=FULL}, a non-zero
 * {@code server_id}, and the user's global privileges REPLICATION SLAVE and BINLOG MONITOR
 * (REPLICATION CLIENT before MariaDB 10.5); SELECT and SHOW DATABASES are needed too. The capture reads the binlog like a replica, under a server id
 * derived from bridge and side ({@code 0x40000000} and up), so captures of one server must differ
 * in bridge or side, and no real replica may use that id.
 *
 * <p><b>Positions.</b> Events carry a {@link BinlogPosition} ({@code file:position:row}, kind
 * {@value BinlogPosition#KIND}) and, as transaction id, the MariaDB GTID of their transaction
 * ({@code domain-server-sequence}). The offset file holds the binlog position (and GTID set) to
 * resume from; Debezium keeps the schema history of the captured databases in a file next to it,
 * {@code <offset file>.history}, which must be kept, moved and deleted together with it. A stored
 * position whose binlog file the server has purged ({@code expire_logs_days}) makes the capture
 * fail: delete the offset file, the history file and the {@code .snapshots} record to start over,
 * loading the existing rows again. On the first start Debezium reads the captured databases'
 * table definitions, without locks (no DDL may run on them in those moments), then streams
 * from the binlog position it read first.
 *
 * <p><b>Own tables</b> live in the database of the JDBC URL unless configured otherwise:
 * {@code cutover_heartbeat}, {@code cutover_signal_<bridge>_<side>} and, with echo suppression,
 * {@code cutover_apply_marker}. The binlog groups a transaction's rows between its GTID event and
 * its commit, and every row's offset names the position the transaction began at until the commit
 * moves past it; that begin position identifies the transaction for echo suppression.
 *
 * <p><b>Values</b> follow {@code CanonicalValues}: {@code TINYINT(1)}/{@code BOOLEAN} as
 * {@link Boolean}, {@code TINYINT}/{@code SMALLINT} as {@link Short}, {@code INT} as
 * {@link Integer} ({@code INT UNSIGNED} as {@link Long}), {@code BIGINT} as {@link Long}
 * ({@code BIGINT UNSIGNED} as {@link java.math.BigDecimal}), {@code DECIMAL} as
 * {@link java.math.BigDecimal}, {@code DATETIME} as {@link java.time.LocalDateTime},
 * {@code TIMESTAMP} as {@link java.time.Instant}, {@code DATE}, {@code TIME} (within one day),
 * {@code YEAR} as {@link Integer}, character types, {@code ENUM}, {@code SET} and {@code JSON} as
 * {@link String}, binary types and blobs as {@code byte[]}.
 *
 * <p><b>Credentials.</b> Debezium's binlog client takes the password only from its configuration
 * ({@code database.password}), which Debezium masks when it logs it.
 */
public final class MariaDbCaptureSource extends DebeziumCaptureSource {

    /**
     * @param options what to capture and how; a {@code jdbc:mariadb:} URL
     * @param listener told about heartbeats and echoes; {@link PipelineListener#NONE} when nobody listens
     * @throws IllegalArgumentException when the options name another kind of database
     */
    public MariaDbCaptureSource(CaptureOptions options, PipelineListener listener) {
        super(options, listener, CaptureKind.MARIADB, new MariaDbFlavour());
    }
}
