package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ConfigLoader;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.postgres.ReplicationOrigins;
import dev.cutover.runtime.BridgeService;
import dev.cutover.runtime.metrics.MetricNames;
import dev.cutover.runtime.metrics.MetricsView;
import dev.cutover.testkit.kafka.SharedKafka;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-way binding whose new database is PostgreSQL 16: the follower's applier tags its sessions
 * with the bridge's replication origins and the new database's capture asks the server to leave
 * those writes out, so no echo is decoded at all (none dropped by the capture), while both
 * applications write, across an outage of the new database, and the tables still converge.
 */
class TwoWayOriginIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String DDL = "CREATE TABLE %s (id integer PRIMARY KEY, name text NOT NULL, qty integer NOT NULL)";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void echoesOfTheFollowerAreNeverDecodedAndBothSidesConverge() throws Exception {
        try (PostgresTestDatabase legacy = PostgresTestDatabase.create("cutover_it_origin_legacy");
                StoppablePostgres neu = StoppablePostgres.start(dir.resolve("new-pg"))) {
            legacy.execute(DDL.formatted("acct"));
            neu.execute(DDL.formatted("accounts"));
            String bridgeName = BridgeFixture.uniqueBridgeName("it_origin");
            Path config = writeConfig(bridgeName, legacy.jdbcUrl(), neu.jdbcUrl());
            try (BridgeService bridge = new BridgeService(ConfigLoader.load(config), Clock.systemUTC())) {
                bridge.start();
                Readiness.awaitReady(bridge, TIMEOUT, legacy);

                legacy.execute("INSERT INTO acct SELECT g, 'legacy ' || g, g FROM generate_series(1, 300) g");
                neu.execute("INSERT INTO accounts SELECT g, 'new ' || g, g FROM generate_series(1001, 1200) g");
                legacy.execute("UPDATE acct SET qty = qty + 1 WHERE id <= 100");
                neu.execute("UPDATE accounts SET qty = qty * 2 WHERE id > 1100");
                awaitInSync(config, legacy, neu);

                neu.stop();
                legacy.execute("INSERT INTO acct SELECT g, 'while new was down ' || g, g FROM generate_series(301, 400) g");
                neu.restart();
                neu.execute("DELETE FROM accounts WHERE id BETWEEN 1001 AND 1050");
                awaitInSync(config, legacy, neu);

                assertThat(count(neu, "SELECT count(*) FROM accounts")).isEqualTo(400 + 150);
                MetricsView metrics = new MetricsView(bridge.registry());
                assertThat(metrics.events(MetricNames.OUTCOME_ECHO_SKIPPED))
                        .as("the new database's echoes were left out by the server, none reached the capture").isZero();
                assertThat(origins(neu)).isNotEmpty().isSubsetOf(ReplicationOrigins.names(bridgeName));
            }
            assertThat(origins(neu)).as("released by the applier as it stopped").isEmpty();
        }
    }

    private Path writeConfig(String bridge, String legacyUrl, String newUrl) throws Exception {
        Path config = dir.resolve("cutover.yaml");
        Files.writeString(config, """
                name: %s
                data-dir: state
                kafka: { bootstrap: "%s", partitions: 3 }
                systems:
                  legacy: { kind: postgresql, jdbc-url: "%s", user: postgres }
                  new:    { kind: postgresql, jdbc-url: "%s", user: postgres }
                http: { address: "127.0.0.1:0" }
                tuning: { heartbeat-interval: PT1S, retry-backoff-max: PT0.3S }
                bindings:
                  - name: accounts
                    legacy: public.acct
                    new: public.accounts
                    direction: two-way
                    conflict: { policy: legacy-wins, set-replica-identity-full: true }
                """.formatted(bridge, SharedKafka.bootstrapServers(), legacyUrl, newUrl));
        return config;
    }

    private static void awaitInSync(Path config, PostgresTestDatabase legacy, StoppablePostgres neu) throws Exception {
        BridgeFixture.awaitInSync(config, "accounts", JdbcConnectionFactory.of(legacy.jdbcUrl(), legacy.user(), (String) null),
                JdbcConnectionFactory.of(neu.jdbcUrl(), "postgres", (String) null), TIMEOUT);
    }

    private static long count(StoppablePostgres pg, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", null); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> origins(StoppablePostgres pg) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", null); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT roname FROM pg_replication_origin")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
