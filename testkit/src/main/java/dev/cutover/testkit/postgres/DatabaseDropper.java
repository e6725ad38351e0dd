package dev.cutover.testkit.postgres;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops a test database and what would outlive it or block dropping it: its replication slots
 * (inactive slots retain WAL for ever), after terminating the walsenders that hold them, then
 * the database itself with {@code WITH (FORCE)}, which terminates its remaining connections.
 * Works on an admin connection in auto-commit mode. Not thread-safe.
 */
final class DatabaseDropper {

    private static final Duration SLOT_RELEASE_TIMEOUT = Duration.ofSeconds(30);

    private final Connection admin;

    DatabaseDropper(Connection admin) {
        this.admin = admin;
    }

    void drop(String database) throws SQLException {
        await("replication slots of database " + database + " dropped")
                .atMost(SLOT_RELEASE_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> dropSlotsOnce(database));
        try (Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + quote(database) + " WITH (FORCE)");
        }
    }

    /** One round: terminate holders of active slots, drop the inactive ones; true when none is left. */
    private boolean dropSlotsOnce(String database) throws SQLException {
        try (PreparedStatement terminate = admin.prepareStatement(
                "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE database = ? AND active_pid IS NOT NULL")) {
            terminate.setString(1, database);
            terminate.executeQuery().close();
        }
        for (String slot : slots(database, "AND NOT active")) {
            try (PreparedStatement drop = admin.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                drop.setString(1, slot);
                drop.executeQuery().close();
            } catch (SQLException e) {
                // Taken again (a client reconnected) or already dropped by someone else: the next round retries.
            }
        }
        return slots(database, "").isEmpty();
    }

    private List<String> slots(String database, String condition) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement query = admin.prepareStatement(
                "SELECT slot_name FROM pg_replication_slots WHERE database = ? " + condition)) {
            query.setString(1, database);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
