package dev.cutover.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theDelayDoublesFromTheInitialDelayUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));

        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofMillis(1600));
        assertThat(backoff.delay(9)).isEqualTo(Duration.ofMillis(25600));
        assertThat(backoff.delay(10)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void nonsensicalBoundsAreRejected() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).delay(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCapBelowTheFirstDelayLowersIt() {
        assertThat(Backoff.capped(Duration.ofMillis(100), Duration.ofMillis(30)).delay(1)).isEqualTo(Duration.ofMillis(30));
        assertThat(Backoff.capped(Duration.ofMillis(100), Duration.ofSeconds(30)).delay(1)).isEqualTo(Duration.ofMillis(100));
    }
}
