package dev.cutover.core.batch;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * When a batch binding copies: a fixed interval or a cron expression. Implementations are
 * immutable and thread-safe.
 */
public sealed interface Schedule permits IntervalSchedule, CronSchedule {

    /**
     * The first fire time strictly after {@code time}, in {@code time}'s zone.
     *
     * @throws IllegalStateException when the schedule never fires again (a cron expression naming
     *     a day that does not exist, such as 30 February)
     */
    ZonedDateTime nextAfter(ZonedDateTime time);

    /** The schedule as written in the configuration. */
    String text();

    /**
     * Parses an ISO-8601 duration such as {@code PT15M} (a positive interval) or a five-field cron
     * expression {@code minute hour day-of-month month day-of-week}.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    static Schedule parse(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
            Duration interval;
            try {
                interval = Duration.parse(trimmed);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration such as PT15M");
            }
            return new IntervalSchedule(interval);
        }
        return CronSchedule.parse(trimmed);
    }
}
