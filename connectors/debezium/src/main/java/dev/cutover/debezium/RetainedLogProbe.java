package dev.cutover.debezium;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Measures how much log a capture's position retains on its database ({@link RetainedLog}), from
 * what survives the capture: the replication slot on PostgreSQL, the offset file on MariaDB. So it
 * answers for a running capture and a stopped one alike, and never touches the capture itself.
 *
 * <p>One read-only query per measurement, over a connection the caller opens and closes (any user
 * the capture may run as may read it). Implementations are stateless and thread-safe.
 */
public interface RetainedLogProbe {

    /**
     * What the capture's position retains now.
     *
     * @param connection an open connection to the captured database; left open
     * @return empty when the capture has no position yet: no slot, or no stored binlog position
     * @throws SQLException when the database cannot tell, or no longer holds the stored position's log
     * @throws IOException when the offset file cannot be read
     */
    Optional<RetainedLog> measure(Connection connection) throws SQLException, IOException;

    /** What holds the position, for messages: {@code replication slot cutover_shop_legacy}, or the offset file. */
    String holder();

    /**
     * The probe for a capture of {@code kind}.
     *
     * @param slotName the capture's replication slot (PostgreSQL)
     * @param offsetFile the capture's offset file (MariaDB)
     */
    static RetainedLogProbe of(CaptureKind kind, String slotName, Path offsetFile) {
        return kind.retention(slotName, offsetFile);
    }

    /** The probe for the capture {@code options} describe. */
    static RetainedLogProbe of(CaptureOptions options) {
        return of(options.kind(), options.slotName(), options.offsetFile());
    }
}
