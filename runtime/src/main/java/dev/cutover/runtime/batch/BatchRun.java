package dev.cutover.runtime.batch;

import java.time.Duration;
import java.time.Instant;

/**
 * What one copy of a batch binding did. Immutable.
 *
 * @param id the run's id, the first part of its events' source positions
 * @param started when the copy began
 * @param finished when it ended, successfully or not
 * @param rows source rows read and published (mapped) or parked (not mappable)
 * @param deletes target rows found without a source row and published as deletes (full copies only)
 * @param deadLettered rows that could not be mapped and went to the dead-letter topic
 * @param error why the copy failed, or null when it succeeded
 */
public record BatchRun(String id, Instant started, Instant finished, long rows, long deletes, long deadLettered,
        String error) {

    /** How long the copy took. */
    public Duration duration() {
        return Duration.between(started, finished);
    }
}
