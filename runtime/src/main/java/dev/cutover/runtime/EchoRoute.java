package dev.cutover.runtime;

import dev.cutover.config.DatabaseKind;
import dev.cutover.config.SystemOptions;
import dev.cutover.jdbc.postgres.ReplicationOrigins;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the follower's echoes (its applier's writes into its own database, in two-way sync) are kept
 * from travelling back: by replication origin, left out by the server before they are decoded
 * (PostgreSQL 16 and later, see {@link ReplicationOrigins}), or by a marker row in every applied
 * transaction, decoded and dropped by the capture (everywhere else).
 *
 * <p>The capture and the applier each ask when they start, so after a reload that restarts only
 * one of them they may answer differently; that costs nothing but speed, as the capture drops both
 * marked and origin-tagged echoes whatever it asked the server for. Stateless.
 */
final class EchoRoute {

    private static final Logger LOG = LoggerFactory.getLogger(EchoRoute.class);

    private EchoRoute() {
    }

    /** True when the echoes written into {@code follower} by {@code bridge}'s applier can be left out by origin. */
    static boolean byOrigin(SystemOptions follower, String bridge) {
        if (follower.kind() != DatabaseKind.POSTGRESQL) {
            return false;
        }
        try (Connection connection = BindingCompiler.connections(follower).open()) {
            Optional<String> unavailable = ReplicationOrigins.unavailableReason(connection, bridge);
            if (unavailable.isPresent()) {
                LOG.info("Echoes of bridge '{}' in the {} database are marked per transaction and dropped by the capture: {}", bridge,
                        follower.side().label(), unavailable.get());
                return false;
            }
            LOG.info("Echoes of bridge '{}' in the {} database are tagged with its replication origins and left out by the server",
                    bridge, follower.side().label());
            return true;
        } catch (SQLException e) {
            // Markers work wherever the bridge works; the capture or applier reports the database's trouble itself.
            LOG.warn("Could not tell whether the {} database can leave out echoes by origin, marking them instead: {}",
                    follower.side().label(), e.getMessage());
            return false;
        }
    }
}
