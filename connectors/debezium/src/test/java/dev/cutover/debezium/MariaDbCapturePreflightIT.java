package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.TableId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A MariaDB capture that cannot work fails at start with a message naming what is missing and how to fix it. */
class MariaDbCapturePreflightIT extends MariaDbCaptureITSupport {

    @Test
    void aUserWithoutReplicationPrivilegesIsToldWhichGrantsAreMissing() {
        db.execute("CREATE TABLE guarded (id int PRIMARY KEY)");
        String user = "cutover_limited_" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        db.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
                "GRANT SELECT, INSERT, UPDATE, CREATE ON `" + db.name() + "`.* TO '" + user + "'@'%'");
        try {
            CaptureOptions options = options("limited", "guarded").database(db.jdbcUrl(), user, password).build();
            MariaDbCaptureSource source = start(options, new RecordingHandler());

            await().atMost(DELIVERY_TIMEOUT).until(() -> source.state() == MariaDbCaptureSource.State.FAILED);
            assertThat(source.failure()).isInstanceOf(CaptureException.class)
                    .hasMessageContainingAll("capture limited/legacy cannot start", "lacks the global privilege(s)",
                            "REPLICATION SLAVE, BINLOG MONITOR", "GRANT SELECT, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR ON *.*",
                            "TO '" + user + "'@'%'")
                    .hasMessageNotContaining(password);
        } finally {
            db.execute("DROP USER '" + user + "'@'%'");
        }
    }

    @Test
    void aMissingTableOrKeyColumnIsNamed() {
        db.execute("CREATE TABLE keyed (code varchar(10) PRIMARY KEY)");
        CaptureOptions options = options("missing", "absent").table(new TableId(db.name(), "keyed"), "id").build();
        MariaDbCaptureSource source = start(options, new RecordingHandler());

        await().atMost(DELIVERY_TIMEOUT).until(() -> source.state() == MariaDbCaptureSource.State.FAILED);
        assertThat(source.failure()).hasMessageContainingAll("table " + db.name() + ".absent does not exist",
                "table " + db.name() + ".keyed is keyed by [id] but has no column(s) [id]; its columns are [code]");
    }
}
