package dev.cutover.tools.bench;

import dev.cutover.runtime.metrics.MetricNames;
import dev.cutover.runtime.metrics.MetricsView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits until a two-way bridge's captures have read, and dropped as echoes, everything its
 * appliers wrote, and says when the last echo was dropped.
 *
 * <p>The number of echoes is not known in advance (the applier collapses the changes of one key
 * within a batch), so completion is read from the databases instead: once every active
 * replication slot of each database has confirmed a WAL position taken after the final state was
 * reached, its capture has passed every applier transaction. The slots confirm only after an
 * offset flush, so the time of the last echo comes from watching the echo counter meanwhile.
 */
final class EchoDrain {

    private static final String SLOTS_BEHIND = "SELECT count(*) FILTER (WHERE confirmed_flush_lsn IS NULL"
            + " OR confirmed_flush_lsn < ?::pg_lsn), count(*) FROM pg_replication_slots"
            + " WHERE database = current_database() AND active";

    /**
     * @param echoes changes the captures dropped as echoes
     * @param lastEchoSeconds when the last of them was dropped, in seconds after the start given
     */
    record Result(long echoes, double lastEchoSeconds) {
    }

    private EchoDrain() {
    }

    /**
     * Takes each database's current WAL position, then waits until the captures have confirmed it.
     *
     * @param databases every captured database of the bridge
     * @param startNanos {@link System#nanoTime()} the result's time counts from
     * @throws IllegalStateException when some slot has not confirmed its position within {@code timeout}
     */
    static Result await(List<Connection> databases, MetricsView metrics, long startNanos, Duration timeout)
            throws SQLException, InterruptedException {
        List<String> positions = new ArrayList<>();
        for (Connection c : databases) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
                rs.next();
                positions.add(rs.getString(1));
            }
        }
        long echoes = metrics.events(MetricNames.OUTCOME_ECHO_SKIPPED);
        long lastEcho = System.nanoTime();
        long deadline = lastEcho + timeout.toNanos();
        for (int poll = 0; ; poll++) {
            long now = metrics.events(MetricNames.OUTCOME_ECHO_SKIPPED);
            if (now != echoes) {
                echoes = now;
                lastEcho = System.nanoTime();
            }
            // The slot query costs the databases a little; the counter is cheap to watch closely.
            if (poll % 10 == 0 && allConfirmed(databases, positions)) {
                return new Result(metrics.events(MetricNames.OUTCOME_ECHO_SKIPPED), (lastEcho - startNanos) / 1e9);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the captures did not confirm WAL positions " + positions + " within " + timeout);
            }
            Thread.sleep(5);
        }
    }

    private static boolean allConfirmed(List<Connection> databases, List<String> positions) throws SQLException {
        for (int i = 0; i < databases.size(); i++) {
            try (PreparedStatement ps = databases.get(i).prepareStatement(SLOTS_BEHIND)) {
                ps.setString(1, positions.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0 || rs.getLong(2) == 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
