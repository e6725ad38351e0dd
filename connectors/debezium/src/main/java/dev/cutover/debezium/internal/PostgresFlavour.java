package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import dev.cutover.debezium.CaptureKind;
import dev.cutover.debezium.CaptureOptions;
import dev.cutover.debezium.ReplicationSlots;
import dev.cutover.jdbc.postgres.ReplicaIdentity;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * PostgreSQL: a logical replication slot read through a filtered pgoutput publication; the
 * password reaches the driver through {@link PasswordPlugin}, never Debezium's configuration.
 */
public final class PostgresFlavour implements CaptureFlavour {

    private static final Duration SLOT_RELEASE_TIMEOUT = Duration.ofSeconds(10);

    private volatile String passwordToken;

    @Override
    public String databaseName() {
        return CaptureKind.POSTGRESQL.support().displayName();
    }

    @Override
    public OwnTableSql ownTables() {
        return OwnTableSql.POSTGRES;
    }

    @Override
    public PositionScheme positions() {
        return PositionScheme.POSTGRES;
    }

    @Override
    public TransactionScheme transactions() {
        return TransactionScheme.POSTGRES;
    }

    @Override
    public Connection connect(CaptureOptions options) throws SQLException {
        return PgConnections.open(options.jdbcUrl(), options.user(), options.password());
    }

    @Override
    public Map<TableId, ReplicaIdentity> check(Connection connection, CaptureOptions options) throws SQLException {
        return ReplicaIdentities.load(connection, options.tables());
    }

    @Override
    public boolean logRetained(CaptureOptions options) throws SQLException {
        return ReplicationSlots.describe(options.jdbcUrl(), options.user(), options.password(), options.slotName()).isPresent();
    }

    @Override
    public String retire(CaptureOptions options) throws SQLException {
        boolean dropped = dropOnceReleased(options);
        return dropped ? "dropped replication slot " + options.slotName() : "replication slot " + options.slotName() + " was gone already";
    }

    /** The server ends a stopped capture's WAL sender a moment after the engine stops; until then the slot is in use. */
    private static boolean dropOnceReleased(CaptureOptions options) throws SQLException {
        long deadline = System.nanoTime() + SLOT_RELEASE_TIMEOUT.toNanos();
        while (true) {
            try {
                return ReplicationSlots.drop(options.jdbcUrl(), options.user(), options.password(), options.slotName());
            } catch (SQLException inUse) {
                if (!inUse.getMessage().contains("is in use") || System.nanoTime() > deadline) {
                    throw inUse;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for replication slot " + options.slotName() + " to be released", e);
            }
        }
    }

    @Override
    public Properties properties(CaptureOptions options, HeartbeatTable heartbeat, SignalTable signal) {
        release();
        String token = options.password() == null ? null : PasswordPlugin.register(options.password());
        passwordToken = token;
        return DebeziumProperties.of(options, heartbeat, signal, token);
    }

    @Override
    public void release() {
        String token = passwordToken;
        if (token != null) {
            PasswordPlugin.unregister(token);
            passwordToken = null;
        }
    }

    @Override
    public String describeSource(CaptureOptions options) {
        return "slot " + options.slotName() + ", publication " + options.publicationName();
    }
}
