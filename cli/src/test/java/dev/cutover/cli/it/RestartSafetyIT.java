package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.testkit.workload.LegacyWorkload;
import dev.cutover.runtime.metrics.MetricNames;
import dev.cutover.runtime.metrics.MetricsView;
import dev.cutover.runtime.BridgeService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service stopped mid-stream, gracefully or with SIGKILL, and started again loses nothing
 * and leaves the new table exactly equal to the mapped legacy table, while legacy writes go on.
 */
class RestartSafetyIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Well below the consumer session timeout (45 s) that a restart after kill -9 used to wait out. */
    private static final Duration APPLYING_SOON_AFTER_READY = Duration.ofSeconds(25);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void stoppedMidStreamAndRestartedTheNewTableEndsEqualToTheMappedLegacyTable() throws Exception {
        try (BridgeFixture fixture = customersFixture("it_restart");
                ContinuousWriter writer = new ContinuousWriter(fixture.legacy.connect(), 7)) {
            BridgeService first = fixture.start();
            writer.start();
            MetricsView metrics = new MetricsView(first.registry());
            await().atMost(TIMEOUT).until(() -> metrics.events(MetricNames.OUTCOME_APPLIED) > 200);

            first.close();
            long writtenWhileStopped = writer.changes();
            await().atMost(TIMEOUT).until(() -> writer.changes() > writtenWhileStopped + 200);

            try (BridgeService second = fixture.start()) {
                await().atMost(TIMEOUT).until(() -> writer.changes() > writtenWhileStopped + 600);
                writer.stopAndAwait();
                assertThat(fixture.awaitInSync("customers", TIMEOUT).newRows()).isPositive();
            }
        }
    }

    @Test
    void killedWithSigkillMidStreamAndRestartedTheNewTableEndsEqualToTheMappedLegacyTable() throws Exception {
        int httpPort = BridgeHttp.freePort();
        try (BridgeFixture fixture = customersFixture("it_kill");
                ContinuousWriter writer = new ContinuousWriter(fixture.legacy.connect(), 11)) {
            fixture.writeConfig(Scenario.CUSTOMERS_BINDING, httpPort);
            Path config = fixture.dir.resolve("cutover.yaml");
            writer.start();
            Process first = ServiceProcess.run(config, "first");
            awaitReady(first, httpPort);
            await().atMost(TIMEOUT).until(() -> appliedOverHttp(httpPort) > 200);

            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as("SIGKILL exit status").isEqualTo(137);
            long writtenWhileDown = writer.changes();
            await().atMost(TIMEOUT).until(() -> writer.changes() > writtenWhileDown + 200);

            long relaunched = System.nanoTime();
            Process second = ServiceProcess.run(config, "second");
            try {
                awaitReady(second, httpPort);
                System.out.printf("RestartSafetyIT: restarted after kill -9, ready %d ms after launch%n",
                        (System.nanoTime() - relaunched) / 1_000_000);
                // Ready means applying: the restarted applier rejoins its group as the same static member at
                // once, instead of waiting out the killed consumer's 45 s session.
                await("changes applied soon after ready").atMost(APPLYING_SOON_AFTER_READY)
                        .until(() -> appliedOverHttp(httpPort) > 0);
                await().atMost(TIMEOUT).until(() -> writer.changes() > writtenWhileDown + 600);
                writer.stopAndAwait();
                assertThat(fixture.awaitInSync("customers", TIMEOUT).newRows()).isPositive();
            } finally {
                second.destroy();
                assertThat(second.waitFor(90, TimeUnit.SECONDS)).as("graceful stop on SIGTERM").isTrue();
            }
            assertThat(Files.readString(fixture.dir.resolve("second.log"))).contains("stopped");
        }
    }

    private BridgeFixture customersFixture(String name) throws IOException {
        BridgeFixture fixture = new BridgeFixture(name, dir.resolve(name));
        fixture.legacy.execute(Scenario.CUSTOMERS_LEGACY_DDL);
        fixture.neu.execute(Scenario.CUSTOMERS_NEW_DDL);
        fixture.writeConfig(Scenario.CUSTOMERS_BINDING);
        return fixture;
    }

    private static void awaitReady(Process process, int port) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptionsInstanceOf(IOException.class).until(() -> {
            assertThat(process.isAlive()).as("service process alive").isTrue();
            return BridgeHttp.get(port, "/health/ready").statusCode() == 200;
        });
    }

    private static long appliedOverHttp(int port) {
        try {
            String metrics = BridgeHttp.get(port, "/metrics").body();
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("cutover_events_total\\{[^}]*outcome=\"applied\"[^}]*} ([0-9.eE+]+)").matcher(metrics);
            return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Writes legacy changes in small transactions on its own thread until stopped. */
    private static final class ContinuousWriter implements AutoCloseable {
        private final Connection connection;
        private final LegacyWorkload workload;
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicLong changes = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private Thread thread;

        ContinuousWriter(Connection connection, long seed) throws Exception {
            this.connection = connection;
            this.workload = new LegacyWorkload(connection, seed);
            workload.seed(100);
        }

        void start() {
            running.set(true);
            thread = new Thread(() -> {
                try {
                    while (running.get()) {
                        workload.step(5);
                        changes.set(workload.changes());
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "legacy-writer");
            thread.start();
        }

        long changes() {
            assertThat(failure.get()).as("legacy writer failure").isNull();
            return changes.get();
        }

        void stopAndAwait() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
            assertThat(failure.get()).as("legacy writer failure").isNull();
        }

        @Override
        public void close() throws Exception {
            stopAndAwait();
            connection.close();
        }
    }
}
