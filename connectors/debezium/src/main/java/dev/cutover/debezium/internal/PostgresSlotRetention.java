package dev.cutover.debezium.internal;

import dev.cutover.debezium.RetainedLog;
import dev.cutover.debezium.RetainedLogProbe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * The WAL a logical replication slot retains: from its {@code restart_lsn}, the oldest position the
 * server keeps for it, to {@code pg_current_wal_lsn()}. Stateless and thread-safe.
 */
public final class PostgresSlotRetention implements RetainedLogProbe {

    private static final String SQL = "SELECT restart_lsn::text, pg_catalog.pg_current_wal_lsn()::text,"
            + " pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), restart_lsn)::bigint"
            + " FROM pg_catalog.pg_replication_slots WHERE slot_name = ?";

    private final String slotName;

    public PostgresSlotRetention(String slotName) {
        this.slotName = Objects.requireNonNull(slotName, "slotName");
    }

    @Override
    public Optional<RetainedLog> measure(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            ps.setString(1, slotName);
            try (ResultSet rs = ps.executeQuery()) {
                // No slot, or one that has not reserved WAL yet: nothing is retained for it.
                if (!rs.next() || rs.getString(1) == null) {
                    return Optional.empty();
                }
                return Optional.of(new RetainedLog(Math.max(0, rs.getLong(3)), rs.getString(1), rs.getString(2)));
            }
        }
    }

    @Override
    public String holder() {
        return "replication slot " + slotName;
    }
}
