package dev.cutover.testkit.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.testkit.TestDatabaseName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MariaDB test fixture of the testkit: databases are fresh and reachable, and closing or
 * sweeping drops them even while a session holds an open transaction on one of their tables.
 */
class MariaDbTestDatabaseIT {

    @Test
    void createsAFreshReachableDatabaseNamedAfterThePrefix() throws Exception {
        try (MariaDbTestDatabase db = MariaDbTestDatabase.create("cutover_tk")) {
            assertThat(db.name()).matches("cutover_tk_\\d+_[0-9a-f]{6}");
            assertThat(db.jdbcUrl()).isEqualTo("jdbc:mariadb://" + db.host() + ":" + db.port() + "/" + db.name());
            db.execute("CREATE TABLE t (id int PRIMARY KEY, s varchar(10))", "INSERT INTO t VALUES (1, 'a'), (2, 'B')");
            assertThat(db.queryRows("SELECT id FROM t ORDER BY id")).containsExactly(Map.of("id", 1), Map.of("id", 2));
            assertThat(db.queryRows("SELECT id FROM t WHERE s = 'b'")).as("binary collation").isEmpty();
            try (Connection connection = db.connect()) {
                assertThat(connection.getCatalog()).isEqualTo(db.name());
            }
        }
    }

    @Test
    void serverActivityListsASessionHoldingATransactionOpen() throws Exception {
        try (MariaDbTestDatabase db = MariaDbTestDatabase.create("cutover_tk"); Connection open = db.connect()) {
            db.execute("CREATE TABLE t (id int PRIMARY KEY)");
            open.setAutoCommit(false);
            open.createStatement().execute("INSERT INTO t VALUES (42)");

            assertThat(db.serverActivity()).contains("db=" + db.name()).contains("trx_state=RUNNING");
            open.rollback();
        }
    }

    @Test
    void failingStatementsNameTheDatabaseAndTheStatement() {
        try (MariaDbTestDatabase db = MariaDbTestDatabase.create("cutover_tk")) {
            assertThatThrownBy(() -> db.execute("SELECT * FROM missing_table"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(db.name()).hasMessageContaining("SELECT * FROM missing_table");
        }
    }

    @Test
    void closeDropsTheDatabaseEndingASessionThatHoldsAnOpenTransaction() throws Exception {
        MariaDbTestDatabase db = MariaDbTestDatabase.create("cutover_tk");
        db.execute("CREATE TABLE t (id int PRIMARY KEY)");
        try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("INSERT INTO t VALUES (1)");

            db.close();

            assertThat(databases(db.name())).isEmpty();
            assertThatThrownBy(holder::commit).isInstanceOf(SQLException.class);
        }
        db.close();
    }

    @Test
    void terminateConnectionsEndsTheOtherSessionsOfTheDatabase() throws Exception {
        try (MariaDbTestDatabase db = MariaDbTestDatabase.create("cutover_tk"); Connection victim = db.connect()) {
            assertThat(db.terminateConnections()).isEqualTo(1);
            assertThatThrownBy(() -> victim.createStatement().executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void sweepStaleDropsOnlyLeftoversOlderThanAnHourAndSweepAllDropsEveryOne() throws Exception {
        String old = new TestDatabaseName("cutover_tksweep", Instant.now().minus(Duration.ofHours(2)), "abcdef").toString();
        String recent = new TestDatabaseName("cutover_tksweep", Instant.now().minus(Duration.ofMinutes(5)), "123456").toString();
        String unrelated = new TestDatabaseName("cutover_tksweepx", Instant.now().minus(Duration.ofHours(2)), "abcdef").toString();
        try (Connection admin = MariaDbServer.fromEnvironment().connectAdmin(); Statement statement = admin.createStatement()) {
            for (String name : List.of(old, recent, unrelated)) {
                statement.execute("CREATE DATABASE " + name);
            }
        }
        try {
            assertThat(MariaDbTestDatabase.sweepStale("cutover_tksweep")).isEqualTo(1);
            assertThat(databases(old)).isEmpty();
            assertThat(databases(recent)).hasSize(1);

            assertThat(MariaDbTestDatabase.sweepAll("cutover_tksweep")).isEqualTo(1);
            assertThat(databases(recent)).isEmpty();
            assertThat(databases(unrelated)).hasSize(1);
        } finally {
            MariaDbTestDatabase.sweepAll("cutover_tksweepx");
        }
        assertThat(databases(unrelated)).isEmpty();
    }

    private static List<String> databases(String name) throws Exception {
        try (Connection admin = MariaDbServer.fromEnvironment().connectAdmin(); Statement statement = admin.createStatement();
                ResultSet rs = statement.executeQuery("SELECT schema_name FROM information_schema.schemata WHERE schema_name = '" + name + "'")) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
