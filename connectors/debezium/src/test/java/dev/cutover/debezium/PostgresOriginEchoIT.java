package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.jdbc.postgres.ReplicationOrigins;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Echoes left out by replication origin, against a private PostgreSQL 16 (the machine's server is
 * 15, which cannot filter by origin): what an applier session tagged with the bridge's origin
 * writes never reaches a capture that asks for {@code origin=none}, and a capture that does not ask
 * still recognises it; what anyone else writes is delivered.
 */
class PostgresOriginEchoIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static EmbeddedPostgres server;
    private static String url;

    @TempDir
    Path tempDir;

    private final List<PostgresCaptureSource> sources = new ArrayList<>();
    private final List<CaptureOptions> captures = new ArrayList<>();
    private final List<Connection> sessions = new ArrayList<>();

    @BeforeAll
    static void startPostgres16() throws Exception {
        server = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "8")
                .setServerConfig("max_wal_senders", "8")
                .start();
        url = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
        execute("CREATE TABLE items (id int PRIMARY KEY, name text)");
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeEverything() throws SQLException {
        for (Connection session : sessions) {
            session.close();
        }
        sources.forEach(DebeziumCaptureSource::close);
        for (CaptureOptions options : captures) {
            await().atMost(TIMEOUT).until(() -> ReplicationSlots.describe(url, "postgres", null, options.slotName()).map(s -> !s.active()).orElse(true));
            ReplicationSlots.dropAll(options);
        }
        execute("TRUNCATE items", "SELECT pg_replication_origin_drop(roname) FROM pg_replication_origin");
    }

    @Test
    void theServerLeavesOutWritesOfTheBridgesOriginsBeforeDecodingThem() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        PostgresCaptureSource source = startStreaming(options("filtered").suppressEchoes().skipOriginTagged(), handler);

        writeTagged("filtered", 1, 100);
        execute("INSERT INTO items VALUES (1001, 'application')");

        await().atMost(TIMEOUT).failFast("the capture failed", () -> source.failure() != null).until(() -> ids(handler).contains(1001));
        assertThat(ids(handler)).containsExactly(1001);
        assertThat(source.echoesSkipped()).as("left out by the server, so never decoded nor dropped here").isZero();
        assertThat(count("SELECT count(*) FROM items")).isEqualTo(101);
    }

    @Test
    void aCaptureThatDoesNotAskTheServerStillDropsTheBridgesOriginsAndOnlyThose() throws Exception {
        RecordingHandler own = new RecordingHandler();
        RecordingHandler other = new RecordingHandler();
        PostgresCaptureSource ownSource = startStreaming(options("marking").suppressEchoes(), own);
        PostgresCaptureSource otherSource = startStreaming(options("marking_0").suppressEchoes(), other);

        writeTagged("marking", 1, 50);
        execute("INSERT INTO items VALUES (1001, 'application')");

        await().atMost(TIMEOUT).failFast("a capture failed", () -> ownSource.failure() != null || otherSource.failure() != null)
                .until(() -> ids(own).contains(1001) && ids(other).contains(1001));
        assertThat(ids(own)).containsExactly(1001);
        assertThat(ownSource.echoesSkipped()).isEqualTo(50);
        assertThat(ids(other)).as("another bridge, whose name starts like the origins of this one, takes them for changes")
                .hasSize(51);
        assertThat(otherSource.echoesSkipped()).isZero();
    }

    @Test
    void originsAreUsableOnlyWhenTheServerTheUserAndTheDatabaseAllowIt() throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", null)) {
            assertThat(ReplicationOrigins.unavailableReason(c, "probe")).isEmpty();
        }
        execute("CREATE ROLE plain_user LOGIN");
        try (Connection c = DriverManager.getConnection(url, "plain_user", null)) {
            assertThat(ReplicationOrigins.unavailableReason(c, "probe")).get(InstanceOfAssertFactories.STRING)
                    .contains("pg_replication_origin_session_setup");
        } finally {
            execute("DROP ROLE plain_user");
        }
        execute("SELECT pg_replication_origin_create('subscription_feed')", "SELECT pg_replication_origin_create('cutover_probe_0')");
        try (Connection c = DriverManager.getConnection(url, "postgres", null)) {
            assertThat(ReplicationOrigins.unavailableReason(c, "probe")).get(InstanceOfAssertFactories.STRING)
                    .contains("[subscription_feed]");
        }
        try (PostgresTestDatabase machine = PostgresTestDatabase.create("cutover_origin"); Connection c = machine.connect()) {
            int major = count("SELECT current_setting('server_version_num')::int", c) / 10000;
            assertThat(ReplicationOrigins.unavailableReason(c, "probe").isPresent()).isEqualTo(major < 16);
        }
    }

    @Test
    void concurrentSessionsTakeDistinctOriginsUntilAllAreHeldAndReleaseDropsOne() throws Exception {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < ReplicationOrigins.SESSIONS; i++) {
            taken.add(ReplicationOrigins.setUp(session(), "pool"));
        }
        assertThat(taken).containsExactlyElementsOf(ReplicationOrigins.names("pool"));
        assertThatThrownBy(() -> ReplicationOrigins.setUp(session(), "pool")).isInstanceOf(SQLTransientException.class)
                .hasMessageContaining("pool");

        sessions.remove(0).close();
        Connection next = session();
        String reused = await().atMost(TIMEOUT).ignoreException(SQLTransientException.class)
                .until(() -> ReplicationOrigins.setUp(next, "pool"), name -> name != null);
        assertThat(reused).isEqualTo(taken.get(0));

        ReplicationOrigins.release(next, reused);
        assertThat(count("SELECT count(*) FROM pg_replication_origin WHERE roname = '" + reused + "'")).as("dropped").isZero();
        execute("INSERT INTO items VALUES (1, 'untagged')");
        next.createStatement().execute("INSERT INTO items VALUES (2, 'after the release')");
        next.commit();
        assertThat(count("SELECT count(*) FROM items")).isEqualTo(2);
    }

    private CaptureOptions.Builder options(String bridge) {
        return CaptureOptions.builder(bridge, SystemSide.NEW).database(url, "postgres", null)
                .table(new TableId("public", "items"), "id")
                .snapshotMode(SnapshotMode.NO_DATA)
                .offsetFile(tempDir.resolve(bridge + ".offsets"))
                .pollInterval(Duration.ofMillis(50))
                .maxBatchSize(2048)
                .heartbeatInterval(Duration.ofMillis(500))
                .offsetFlushInterval(Duration.ofMillis(100));
    }

    /** Starts a capture and waits for its first heartbeat, sent once it streams. */
    private PostgresCaptureSource startStreaming(CaptureOptions.Builder builder, RecordingHandler handler) {
        CaptureOptions options = builder.build();
        AtomicInteger beats = new AtomicInteger();
        PostgresCaptureSource source = new PostgresCaptureSource(options, new PipelineListener() {
            @Override
            public void onHeartbeat(String system) {
                beats.incrementAndGet();
            }
        });
        sources.add(source);
        captures.add(options);
        source.start(handler);
        await().atMost(TIMEOUT).failFast("the capture failed", () -> source.failure() != null).until(() -> beats.get() > 0);
        return source;
    }

    /** Inserts ids {@code from..to} in one transaction of a session tagged with one of {@code bridge}'s origins, as its applier does. */
    private void writeTagged(String bridge, int from, int to) throws SQLException {
        Connection c = session();
        ReplicationOrigins.setUp(c, bridge);
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO items SELECT i, 'applied' FROM generate_series(" + from + ", " + to + ") i");
        }
        c.commit();
    }

    private Connection session() throws SQLException {
        Connection c = DriverManager.getConnection(url, "postgres", null);
        c.setAutoCommit(false);
        sessions.add(c);
        return c;
    }

    private static List<Integer> ids(RecordingHandler handler) {
        return handler.events().stream().map(ChangeEvent::after).map(after -> ((Number) after.get("id")).intValue()).toList();
    }

    private static void execute(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    private static int count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", null)) {
            return count(sql, c);
        }
    }

    private static int count(String sql, Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
