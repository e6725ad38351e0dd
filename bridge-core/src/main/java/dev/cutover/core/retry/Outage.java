package dev.cutover.core.retry;

import java.time.Instant;
import java.util.Objects;

/**
 * A component that keeps retrying something it cannot reach or do right now (a database or the
 * broker down, say), or that has fallen silent without failing: why, since when, and how often it
 * tried. Immutable.
 *
 * @param cause the latest failure, or why the silence counts as one; one line
 * @param since when the first failure of this outage happened, or the silence began
 * @param attempts failed attempts so far; 0 for a silence, which nothing retries
 * @param nextAttempt when the component tries again; null for a silence
 */
public record Outage(String cause, Instant since, int attempts, Instant nextAttempt) {

    public Outage {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(since, "since");
        if (attempts < 0 || (attempts == 0) != (nextAttempt == null)) {
            throw new IllegalArgumentException("an outage has failed attempts and a next attempt, or (a silence) neither; got "
                    + attempts + " attempts, next " + nextAttempt);
        }
    }

    /** A component that has not failed but has been silent since {@code since} for longer than it may be. */
    public static Outage silence(String cause, Instant since) {
        return new Outage(cause, since, 0, null);
    }

    /** The first failure of an outage. */
    public static Outage first(String cause, Instant now, Instant nextAttempt) {
        return new Outage(cause, now, 1, nextAttempt);
    }

    /** This outage after one more failed attempt; {@code previous} may be null for the first. */
    public static Outage next(Outage previous, String cause, Instant now, Instant nextAttempt) {
        return previous == null || previous.attempts == 0 ? first(cause, now, nextAttempt)
                : new Outage(cause, previous.since, previous.attempts + 1, nextAttempt);
    }
}
