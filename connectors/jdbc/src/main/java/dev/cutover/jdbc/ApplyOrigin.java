package dev.cutover.jdbc;

import dev.cutover.jdbc.postgres.ReplicationOrigins;
import java.util.Objects;

/**
 * Makes a {@link JdbcApplier} writing PostgreSQL tag every session it opens with one of the
 * bridge's replication origins ({@link ReplicationOrigins}), so that a capture asking pgoutput for
 * {@code origin=none} (PostgreSQL 16 and later) never receives the applier's writes. Nothing is
 * added to the transactions themselves. Immutable.
 *
 * @param bridge the bridge whose origins the sessions take; never null or blank
 */
public record ApplyOrigin(String bridge) implements EchoTag {

    /**
     * @throws IllegalArgumentException when {@code bridge} is blank
     * @throws NullPointerException when {@code bridge} is null
     */
    public ApplyOrigin {
        Objects.requireNonNull(bridge, "bridge");
        if (bridge.isBlank()) {
            throw new IllegalArgumentException("the bridge name of an apply origin must not be blank");
        }
    }
}
