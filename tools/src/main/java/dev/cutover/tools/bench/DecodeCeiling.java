package dev.cutover.tools.bench;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

/**
 * The decode ceiling of a bench round: a logical replication slot (pgoutput, as Debezium reads it)
 * created before the workload is written, then read to the end straight over the replication
 * protocol, counting the row changes and doing nothing with them — what one slot can hand over on
 * this machine, the way {@code pg_recvlogical > /dev/null} measures it.
 */
final class DecodeCeiling implements AutoCloseable {

    private static final String SLOT = "cutover_bench_decode";
    private static final String PUBLICATION = "cutover_bench_decode";

    private final String url;

    private DecodeCeiling(String url) {
        this.url = url;
    }

    /** Creates the slot on the legacy database of {@code url} (and its publication of {@code ord_hdr}): it decodes what is written from now on. */
    static DecodeCeiling before(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
            s.execute("DROP PUBLICATION IF EXISTS " + PUBLICATION);
            s.execute("CREATE PUBLICATION " + PUBLICATION + " FOR TABLE ord_hdr");
            s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + SLOT + "'");
            s.execute("SELECT pg_create_logical_replication_slot('" + SLOT + "', 'pgoutput')");
        }
        return new DecodeCeiling(url);
    }

    /** Reads the slot until it handed over {@code changes} row changes; returns them per second. */
    double read(long changes) throws Exception {
        Properties props = new Properties();
        PGProperty.USER.set(props, "postgres");
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        try (Connection c = DriverManager.getConnection(url, props)) {
            long start = System.nanoTime();
            PGReplicationStream stream = c.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                    .withSlotName(SLOT).withSlotOption("proto_version", 1).withSlotOption("publication_names", PUBLICATION)
                    .withStatusInterval(1, TimeUnit.SECONDS).start();
            long seen = 0;
            while (seen < changes) {
                ByteBuffer message = stream.read();
                byte kind = message.get(message.position());
                if (kind == 'I' || kind == 'U' || kind == 'D') {
                    seen++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            stream.close();
            return changes / seconds;
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
            s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + SLOT + "'");
            s.execute("DROP PUBLICATION IF EXISTS " + PUBLICATION);
        }
    }
}
