package dev.cutover.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutageTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void laterAttemptsKeepTheStartAndCount() {
        Outage first = Outage.next(null, "refused", T0, T0.plusMillis(100));
        Outage third = Outage.next(Outage.next(first, "refused", T0.plusSeconds(1), T0.plusSeconds(2)), "timed out",
                T0.plusSeconds(3), T0.plusSeconds(5));
        assertThat(third).isEqualTo(new Outage("timed out", T0, 3, T0.plusSeconds(5)));
    }

    @Test
    void aFailureAfterASilenceStartsCountingAttemptsAtOne() {
        Outage silent = Outage.silence("no heartbeat", T0);
        assertThat(silent.attempts()).isZero();
        assertThat(silent.nextAttempt()).isNull();
        assertThat(Outage.next(silent, "refused", T0.plusSeconds(9), T0.plusSeconds(10)))
                .isEqualTo(new Outage("refused", T0.plusSeconds(9), 1, T0.plusSeconds(10)));
    }

    @Test
    void attemptsAndNextAttemptGoTogether() {
        assertThatThrownBy(() -> new Outage("x", T0, 0, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Outage("x", T0, 2, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Outage("x", T0, -1, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
