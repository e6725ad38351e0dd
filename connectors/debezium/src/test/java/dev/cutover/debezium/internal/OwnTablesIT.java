package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.TableId;
import dev.cutover.testkit.TestDatabase;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tables a capture keeps in its database are created by whichever session comes first: the
 * captures and appliers of a bridge start together, and several may find a table missing at the
 * same moment. Every one of them must end up using the table, on both database families.
 */
class OwnTablesIT {

    private static final int SESSIONS = 4;
    private static final int ROUNDS = 8;

    private static PostgresTestDatabase postgres;
    private static MariaDbTestDatabase mariaDb;

    /** One way of making a table: its name and the call a capture makes at start-up. */
    private interface Creator {
        boolean ensureExists(Connection connection) throws Exception;
    }

    @BeforeAll
    static void createDatabases() {
        postgres = PostgresTestDatabase.create("cutover_own");
        mariaDb = MariaDbTestDatabase.create("cutover_own");
    }

    @AfterAll
    static void dropDatabases() {
        postgres.close();
        mariaDb.close();
    }

    static Stream<Arguments> tables() {
        List<Arguments> cases = new ArrayList<>();
        for (Object[] family : new Object[][] {{"PostgreSQL", OwnTableSql.POSTGRES}, {"MariaDB", OwnTableSql.MARIADB}}) {
            OwnTableSql sql = (OwnTableSql) family[1];
            Function<String, TableId> id = name -> new TableId(sql == OwnTableSql.POSTGRES ? "public" : mariaDb.name(), name);
            cases.add(Arguments.of(family[0], "heartbeat", Named.<Creator>of("heartbeat",
                    c -> new HeartbeatTable(id.apply("heartbeat"), "slot", sql).ensureExists(c))));
            cases.add(Arguments.of(family[0], "signals", Named.<Creator>of("signal",
                    c -> new SignalTable(id.apply("signals"), sql).ensureExists(c))));
            cases.add(Arguments.of(family[0], "markers", Named.<Creator>of("echo marker",
                    c -> new EchoMarkerTable(id.apply("markers"), sql).ensureExists(c))));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {2} table")
    @MethodSource("tables")
    void sessionsThatFindTheTableMissingTogetherAllEndUpWithIt(String family, String table, Creator creator) throws Exception {
        TestDatabase db = family.equals("PostgreSQL") ? postgres : mariaDb;
        for (int round = 0; round < ROUNDS; round++) {
            db.execute("DROP TABLE IF EXISTS " + table);
            CyclicBarrier start = new CyclicBarrier(SESSIONS);
            ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
            List<Boolean> created = new ArrayList<>();
            try {
                List<Future<Boolean>> sessions = new ArrayList<>();
                for (int i = 0; i < SESSIONS; i++) {
                    sessions.add(pool.submit(() -> {
                        try (Connection c = db.connect()) {
                            start.await(30, TimeUnit.SECONDS);
                            return creator.ensureExists(c);
                        }
                    }));
                }
                for (Future<Boolean> session : sessions) {
                    created.add(session.get(60, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(created).as("round %d: some session created the table", round).contains(true);
            assertThat(db.queryRows("SELECT count(*) AS n FROM " + table)).as("round %d: the table is there", round)
                    .containsExactly(Map.of("n", 0L));
        }
    }
}
