package dev.cutover.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.retry.Outage;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a capture that has not failed counts as down: silent for longer than it may be. */
class CaptureSilenceTest {

    private static final Instant STARTED = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration STALL = Duration.ofSeconds(60);

    @Test
    void aRecentHeartbeatIsNoOutage() {
        assertThat(CaptureSupervisor.silence(STARTED.plusSeconds(100), STARTED, STARTED.plusSeconds(150), STALL)).isNull();
    }

    @Test
    void silenceLongerThanAllowedIsAnOutageSinceTheLastHeartbeat() {
        Outage o = CaptureSupervisor.silence(STARTED.plusSeconds(100), STARTED, STARTED.plusSeconds(161), STALL);
        assertThat(o).isNotNull();
        assertThat(o.since()).isEqualTo(STARTED.plusSeconds(100));
        assertThat(o.attempts()).isZero();
        assertThat(o.cause()).startsWith("no heartbeat or change for 61 s");
    }

    @Test
    void aHeartbeatOfAnEarlierSourceDoesNotCountForARestartedOne() {
        Instant restarted = STARTED.plusSeconds(500);
        assertThat(CaptureSupervisor.silence(STARTED.plusSeconds(100), restarted, restarted.plusSeconds(30), STALL)).isNull();
        assertThat(CaptureSupervisor.silence(STARTED.plusSeconds(100), restarted, restarted.plusSeconds(61), STALL).since())
                .isEqualTo(restarted);
    }

    @Test
    void aSourceThatNeverStreamedIsSilentFromItsStart() {
        assertThat(CaptureSupervisor.silence(null, STARTED, STARTED.plusSeconds(60), STALL)).isNull();
        assertThat(CaptureSupervisor.silence(null, STARTED, STARTED.plusSeconds(61), STALL).since()).isEqualTo(STARTED);
    }
}
