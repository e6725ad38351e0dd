package dev.cutover.runtime.batch;

import dev.cutover.jdbc.load.StagedFullCopy;

/**
 * Copies the whole source table of a full batch binding into its target table in bulk, straight
 * from database to database (see {@link StagedFullCopy}), instead of row by row through Kafka.
 */
@FunctionalInterface
public interface BulkFullCopy {

    /**
     * Copies once.
     *
     * @throws Exception why the copy could not be done in bulk; the target is unchanged then
     */
    StagedFullCopy.Outcome copy() throws Exception;
}
