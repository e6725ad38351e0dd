package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.PipelineListener;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Password authentication, against a private PostgreSQL whose pg_hba.conf demands SCRAM for the
 * capture's user (the machine's server trusts 127.0.0.1, so it never asks for a password). The
 * password must work, and must not reach any log, even with every logger at DEBUG.
 */
class PostgresCapturePasswordIT {

    private static final String USER = "capture";
    private static final String PASSWORD = "Pw-" + UUID.randomUUID();

    private static EmbeddedPostgres server;
    private static String url;

    @TempDir
    Path tempDir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level rootLevel;

    @BeforeAll
    static void startServerThatAsksForPasswords() throws Exception {
        server = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "4")
                .setServerConfig("max_wal_senders", "4")
                .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath().resolve("pg_hba.conf")))
                .start();
        url = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + USER + " LOGIN REPLICATION PASSWORD '" + PASSWORD + "'");
            s.execute("GRANT CREATE ON DATABASE postgres TO " + USER);
            s.execute("GRANT CREATE ON SCHEMA public TO " + USER);
            s.execute("CREATE TABLE accounts (id int PRIMARY KEY, owner text)");
            s.execute("ALTER TABLE accounts OWNER TO " + USER);
        }
    }

    private static void writeHba(Path hba) {
        try {
            Files.writeString(hba, String.join("\n",
                    "local all all trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all postgres ::1/128 trust",
                    "host all " + USER + " 127.0.0.1/32 scram-sha-256",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void captureAllLogsAtDebug() {
        rootLevel = root.getLevel();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
    }

    @AfterEach
    void restoreLogging() {
        root.setLevel(rootLevel);
        root.detachAppender(logs);
    }

    @Test
    void captureAuthenticatesWithItsPasswordAndNeverLogsIt() throws Exception {
        CaptureOptions options = options(PASSWORD);
        RecordingHandler handler = new RecordingHandler();
        PostgresCaptureSource source = new PostgresCaptureSource(options, PipelineListener.NONE);
        try {
            source.start(handler);
            await().atMost(Duration.ofSeconds(60)).failFast("the capture failed", () -> source.failure() != null)
                    .until(() -> !handler.events().isEmpty());
            try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
                s.execute("INSERT INTO accounts VALUES (2, 'streamed')");
            }
            CaptureITSupport.awaitEventCount(handler, 2);
        } finally {
            source.close();
        }

        assertThat(source.failure()).isNull();
        assertThat(handler.events()).extracting(e -> e.after().get("owner")).containsExactly("snapshot", "streamed");
        assertThat(logs.list).as("DEBUG logs of the run").hasSizeGreaterThan(100);
        assertThat(logs.list).allSatisfy(this::doesNotMentionPassword);
        ReplicationSlots.dropAll(options);
    }

    @Test
    void wrongPasswordFailsTheCaptureWithoutRevealingEitherPassword() throws Exception {
        String wrong = "Wrong-" + UUID.randomUUID();
        PostgresCaptureSource source = new PostgresCaptureSource(options(wrong), PipelineListener.NONE);
        source.start(new RecordingHandler());

        assertThat(source.awaitStop(Duration.ofSeconds(60))).isTrue();
        assertThat(source.failure()).hasMessageContaining("passw").hasMessageNotContaining(wrong).hasMessageNotContaining(PASSWORD);
        assertThat(logs.list).allSatisfy(event -> assertThat(text(event)).doesNotContain(wrong));
        assertThat(logs.list).allSatisfy(this::doesNotMentionPassword);
    }

    private CaptureOptions options(String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
            s.execute("INSERT INTO accounts VALUES (1, 'snapshot') ON CONFLICT DO NOTHING");
        }
        return CaptureOptions.builder("secret", SystemSide.LEGACY).pollInterval(Duration.ofMillis(50)).maxBatchSize(2048).heartbeatInterval(Duration.ofSeconds(10))
                .database(url, USER, password)
                .table(new TableId("public", "accounts"), "id")
                .offsetFile(tempDir.resolve("secret.offsets"))
                .heartbeatInterval(Duration.ofMillis(500))
                .build();
    }

    private void doesNotMentionPassword(ILoggingEvent event) {
        assertThat(text(event)).as("log event of %s", event.getLoggerName()).doesNotContain(PASSWORD);
    }

    private static String text(ILoggingEvent event) {
        StringBuilder sb = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            sb.append('\n').append(t.getMessage());
        }
        return sb.toString();
    }
}
