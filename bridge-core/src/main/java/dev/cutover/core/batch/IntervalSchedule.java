package dev.cutover.core.batch;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Fires every {@code interval} after the time it is asked from: a fixed delay between the end of
 * one copy and the start of the next, so copies never overlap.
 *
 * @param interval positive
 */
public record IntervalSchedule(Duration interval) implements Schedule {

    public IntervalSchedule {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval must be positive, got " + interval);
        }
    }

    @Override
    public ZonedDateTime nextAfter(ZonedDateTime time) {
        return time.plus(interval);
    }

    @Override
    public String text() {
        return interval.toString();
    }
}
