package dev.cutover.core.retry;

import java.time.Duration;

/**
 * Bounded exponential backoff: {@code initial}, doubling per retry, never above {@code max}.
 *
 * @param initial the delay before the first retry; positive
 * @param max the longest delay; at least {@code initial}
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff " + max + " is shorter than initial backoff " + initial);
        }
    }

    /** Starts at {@code initial}, or at {@code max} when that is shorter (a configured cap below the usual first delay). */
    public static Backoff capped(Duration initial, Duration max) {
        return new Backoff(initial.compareTo(max) <= 0 ? initial : max, max);
    }

    /** The delay before retry number {@code retry} (1 for the first retry). */
    public Duration delay(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1, was " + retry);
        }
        int doublings = Math.min(retry - 1, 62);
        long maxMillis = max.toMillis();
        long millis = initial.toMillis();
        for (int i = 0; i < doublings && millis < maxMillis; i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxMillis));
    }
}
