package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import dev.cutover.debezium.CaptureOptions;
import dev.cutover.jdbc.postgres.ReplicaIdentity;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * What differs between the databases a capture reads: connecting, checking the server and the
 * captured tables, the connector's properties, the SQL of the capture's own tables, and how
 * records carry positions and transactions. The engine, the batch dispatch, the loads of existing
 * rows and echo suppression are shared (see {@code DebeziumCaptureSource}).
 *
 * <p>One instance per capture source; it may hold what it registered for the engine (a password
 * token) until {@link #release()}.
 */
public interface CaptureFlavour {

    /** The database family's name for messages, e.g. {@code PostgreSQL}. */
    String databaseName();

    /** The SQL of the heartbeat, signal and echo marker tables. */
    OwnTableSql ownTables();

    /** How records carry their position and transaction id. */
    PositionScheme positions();

    /** How records and offsets name their transaction, for echo suppression. */
    TransactionScheme transactions();

    /**
     * Opens a plain JDBC connection in auto-commit mode for housekeeping; the caller closes it.
     */
    Connection connect(CaptureOptions options) throws SQLException;

    /**
     * Checks before the engine starts that the server is set up for capture and every captured
     * table exists and logs its key for deletes.
     *
     * @return how much of the old row each table logs; a table without entry logs all of it
     * @throws IllegalStateException naming every problem found and how to fix it
     */
    Map<TableId, ReplicaIdentity> check(Connection connection, CaptureOptions options) throws SQLException;

    /**
     * Whether the server still keeps the capture's place in its log, so that a stored position is
     * worth resuming from (see {@link LoadPlanner}).
     */
    boolean logRetained(CaptureOptions options) throws SQLException;

    /** The engine's configuration; may register what the engine needs until {@link #release()}. */
    Properties properties(CaptureOptions options, HeartbeatTable heartbeat, SignalTable signal);

    /** Forgets what {@link #properties} registered; idempotent. */
    void release();

    /**
     * Lets the server discard what it keeps for this capture, once no binding captures the
     * database any more (PostgreSQL: drops the replication slot, which would otherwise hold WAL for
     * ever); the capture must be stopped.
     *
     * @return what was released, for the log and the history
     */
    String retire(CaptureOptions options) throws SQLException;

    /** Where the capture reads from, for the start log line, e.g. {@code slot x, publication y}. */
    String describeSource(CaptureOptions options);
}
