package dev.cutover.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.testkit.TestDatabaseName;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

/**
 * The PostgreSQL test fixture of the testkit (tested here, beside its first user): databases are
 * fresh, and closing or sweeping leaves neither the database nor a replication slot behind.
 */
class PostgresTestDatabaseIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void createsAFreshReachableDatabaseNamedAfterThePrefix() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.create("cutover_tk")) {
            assertThat(db.name()).matches("cutover_tk_\\d+_[0-9a-f]{6}");
            assertThat(db.jdbcUrl()).endsWith("/" + db.name());
            db.execute("CREATE TABLE t (id int)", "INSERT INTO t VALUES (1), (2)");
            assertThat(db.queryRows("SELECT id FROM t ORDER BY id")).containsExactly(Map.of("id", 1), Map.of("id", 2));
            try (Connection connection = db.connect()) {
                assertThat(connection.getCatalog()).isEqualTo(db.name());
            }
        }
    }

    @Test
    void serverActivityListsASessionHoldingATransactionOpenAndTheReplicationSlots() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.create("cutover_tk"); Connection open = db.connect()) {
            db.execute("CREATE TABLE t (id int PRIMARY KEY)",
                    "SELECT pg_create_logical_replication_slot('" + db.name() + "_slot', 'pgoutput')");
            open.setAutoCommit(false);
            open.createStatement().execute("INSERT INTO t VALUES (42)");

            assertThat(db.serverActivity()).contains("datname=" + db.name()).contains("state=idle in transaction")
                    .contains("INSERT INTO t VALUES (42)").contains("slot_name=" + db.name() + "_slot");
            open.rollback();
        }
    }

    @Test
    void closeDropsTheDatabaseWithItsSlotsTerminatingTheWalsenderOfAnActiveOne() throws Exception {
        PostgresTestDatabase db = PostgresTestDatabase.create("cutover_tk");
        db.execute("CREATE TABLE t (id int PRIMARY KEY)", "CREATE PUBLICATION pub FOR ALL TABLES",
                "SELECT pg_create_logical_replication_slot('" + db.name() + "_idle', 'pgoutput')",
                "SELECT pg_create_logical_replication_slot('" + db.name() + "_busy', 'pgoutput')");
        try (Connection replication = replicationConnection(db); PGReplicationStream stream = startStream(replication, db.name() + "_busy")) {
            await().atMost(TIMEOUT).until(() -> activeSlots(db.name()) == 1);

            db.close();

            assertThat(slots(db.name())).isEmpty();
            assertThat(databases(db.name())).isEmpty();
        } catch (java.sql.SQLException expected) {
            // The stream's walsender was terminated by close(): closing the stream then fails.
        }
        assertThat(slots(db.name())).isEmpty();
        db.close();
    }

    @Test
    void sweepStaleDropsOnlyLeftoversOlderThanAnHourAndSweepAllDropsEveryOne() throws Exception {
        String old = new TestDatabaseName("cutover_tksweep", Instant.now().minus(Duration.ofHours(2)), "abcdef").toString();
        String recent = new TestDatabaseName("cutover_tksweep", Instant.now().minus(Duration.ofMinutes(5)), "123456").toString();
        String unrelated = new TestDatabaseName("cutover_tksweepx", Instant.now().minus(Duration.ofHours(2)), "abcdef").toString();
        try (Connection admin = PostgresServer.fromEnvironment().connectAdmin()) {
            for (String name : List.of(old, recent, unrelated)) {
                admin.createStatement().execute("CREATE DATABASE " + name);
            }
        }
        createSlot(old);
        try {
            assertThat(PostgresTestDatabase.sweepStale("cutover_tksweep")).isEqualTo(1);
            assertThat(databases(old)).isEmpty();
            assertThat(slots(old)).isEmpty();
            assertThat(databases(recent)).hasSize(1);

            assertThat(PostgresTestDatabase.sweepAll("cutover_tksweep")).isEqualTo(1);
            assertThat(databases(recent)).isEmpty();
            assertThat(databases(unrelated)).hasSize(1);
        } finally {
            PostgresTestDatabase.sweepAll("cutover_tksweepx");
        }
    }

    private static void createSlot(String database) throws Exception {
        try (Connection connection = PostgresServer.fromEnvironment().connect(database)) {
            connection.createStatement().execute("SELECT pg_create_logical_replication_slot('" + database + "_slot', 'pgoutput')");
        }
    }

    private static Connection replicationConnection(PostgresTestDatabase db) throws Exception {
        Properties properties = new Properties();
        PGProperty.USER.set(properties, db.user());
        PGProperty.REPLICATION.set(properties, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(properties, "9.4");
        PGProperty.PREFER_QUERY_MODE.set(properties, "simple");
        return DriverManager.getConnection(db.jdbcUrl(), properties);
    }

    private static PGReplicationStream startStream(Connection connection, String slot) throws Exception {
        return connection.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                .withSlotName(slot).withSlotOption("proto_version", "1").withSlotOption("publication_names", "pub").start();
    }

    private static long activeSlots(String database) throws Exception {
        return query("SELECT slot_name FROM pg_replication_slots WHERE active AND database = '" + database + "'").size();
    }

    private static List<String> slots(String database) throws Exception {
        return query("SELECT slot_name FROM pg_replication_slots WHERE database = '" + database + "'");
    }

    private static List<String> databases(String name) throws Exception {
        return query("SELECT datname FROM pg_database WHERE datname = '" + name + "'");
    }

    private static List<String> query(String sql) throws Exception {
        try (Connection admin = PostgresServer.fromEnvironment().connectAdmin();
                var rs = admin.createStatement().executeQuery(sql)) {
            List<String> values = new java.util.ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
