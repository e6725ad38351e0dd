package dev.cutover.core.retry;

import java.time.Instant;
import java.util.Objects;

/**
 * A component that keeps retrying something it cannot reach or do right now (a database or the
 * broker down, say): why, since when, and how often it tried. Immutable.
 *
 * @param cause the latest failure, one line
 * @param since when the first failure of this outage happened
 * @param attempts failed attempts so far; at least 1
 * @param nextAttempt when the component tries again
 */
public record Outage(String cause, Instant since, int attempts, Instant nextAttempt) {

    public Outage {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        if (attempts < 1) {
            throw new IllegalArgumentException("an outage has at least one failed attempt, got " + attempts);
        }
    }

    /** The first failure of an outage. */
    public static Outage first(String cause, Instant now, Instant nextAttempt) {
        return new Outage(cause, now, 1, nextAttempt);
    }

    /** This outage after one more failed attempt; {@code previous} may be null for the first. */
    public static Outage next(Outage previous, String cause, Instant now, Instant nextAttempt) {
        return previous == null ? first(cause, now, nextAttempt) : new Outage(cause, previous.since, previous.attempts + 1, nextAttempt);
    }
}
