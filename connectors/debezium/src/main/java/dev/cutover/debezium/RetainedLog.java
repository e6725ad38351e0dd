package dev.cutover.debezium;

/**
 * How much of its database's log a capture's position keeps the server from discarding: the bytes
 * from the oldest position the capture may still need to the log's current end. A stopped capture
 * makes this grow with every write to the database, captured tables or not. Immutable.
 *
 * @param bytes the retained bytes; never negative
 * @param position the capture's position as the database prints it: a slot's {@code restart_lsn}
 *     ({@code 0/16B3748}) or a binlog {@code file:pos} ({@code mariadb-bin.000003:1234})
 * @param end the log's current end, printed the same way
 */
public record RetainedLog(long bytes, String position, String end) {

    public RetainedLog {
        if (bytes < 0) {
            throw new IllegalArgumentException("retained bytes must not be negative, got " + bytes + " from " + position
                    + " to " + end);
        }
    }
}
