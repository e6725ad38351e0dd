package dev.cutover.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cutover.config.ByteSize;
import dev.cutover.core.event.SystemSide;
import dev.cutover.debezium.RetainedLog;
import dev.cutover.debezium.RetainedLogProbe;
import dev.cutover.runtime.metrics.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RetainedLogMonitorTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScriptedProbe probe = new ScriptedProbe();
    private final RetainedLogMonitor monitor = new RetainedLogMonitor("shop", new ByteSize(1000), Duration.ofSeconds(15),
            registry, Clock.fixed(NOW, ZoneOffset.UTC));
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RetainedLogMonitor.class);

    @BeforeEach
    void watchAndListen() {
        monitor.watch(SystemSide.LEGACY, probe, () -> null);
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(log);
        monitor.close();
    }

    @Test
    void theGaugeIsNotANumberUntilMeasuredThenHoldsTheRetainedBytes() {
        assertThat(gauge()).isNaN();
        assertThat(monitor.status().get("legacy")).containsEntry("retainedBytes", null).containsEntry("retainedMeasuredAt", null);

        probe.then(retained(400));
        monitor.measureAll();

        assertThat(gauge()).isEqualTo(400);
        assertThat(monitor.status().get("legacy")).containsEntry("retainedBytes", 400L)
                .containsEntry("retainedMeasuredAt", NOW.toString()).containsEntry("retainedError", null);
    }

    @Test
    void aCaptureWithoutAPositionYetRetainsNothing() {
        probe.then(Optional.empty());
        monitor.measureAll();

        assertThat(gauge()).isZero();
    }

    @Test
    void aFailedMeasurementKeepsTheLastValueShowsTheErrorAndWarnsOncePerStreak() {
        probe.then(retained(400)).thenFail("connection refused").thenFail("connection refused");
        monitor.measureAll();
        monitor.measureAll();
        monitor.measureAll();

        assertThat(gauge()).isEqualTo(400);
        assertThat(monitor.status().get("legacy").get("retainedError").toString()).contains("connection refused");
        assertThat(warnings()).hasSize(1).first().asString().contains("Cannot measure").contains("replication slot test_slot");

        probe.then(retained(500));
        monitor.measureAll();
        assertThat(gauge()).isEqualTo(500);
        assertThat(monitor.status().get("legacy")).containsEntry("retainedError", null);
    }

    @Test
    void aPositionThatReadsAsGoneKeepsTheLastValue() {
        probe.then(retained(400)).then(Optional.empty());
        monitor.measureAll();
        monitor.measureAll();

        assertThat(gauge()).isEqualTo(400);
    }

    @Test
    void crossingTheWarningLogsOnceEachWayNotOnEveryMeasurement() {
        probe.then(retained(900)).then(retained(1500)).then(retained(2500)).then(retained(800)).then(retained(700));
        for (int i = 0; i < 5; i++) {
            monitor.measureAll();
        }

        assertThat(warnings()).singleElement().asString().contains("replication slot test_slot retains 1.5 KiB of log")
                .contains("above tuning.slot-retained-warn (1000B)");
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.INFO).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString().contains("back below");
    }

    private double gauge() {
        return registry.get(MetricNames.SLOT_RETAINED).tag(MetricNames.TAG_SYSTEM, "legacy").gauge().value();
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Optional<RetainedLog> retained(long bytes) {
        return Optional.of(new RetainedLog(bytes, "0/100", "0/" + Long.toHexString(0x100 + bytes).toUpperCase()));
    }

    /** Answers each measurement with the next scripted outcome. */
    private static final class ScriptedProbe implements RetainedLogProbe {
        private final Deque<Object> outcomes = new ArrayDeque<>();

        ScriptedProbe then(Optional<RetainedLog> outcome) {
            outcomes.add(outcome);
            return this;
        }

        ScriptedProbe thenFail(String message) {
            outcomes.add(new SQLException(message));
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Optional<RetainedLog> measure(Connection connection) throws SQLException {
            Object next = outcomes.remove();
            if (next instanceof SQLException e) {
                throw e;
            }
            return (Optional<RetainedLog>) next;
        }

        @Override
        public String holder() {
            return "replication slot test_slot";
        }
    }
}
