package dev.cutover.core.pipeline.spi;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.schema.TableSchema;

/**
 * Reads one row of a table an applier writes, as it stands now. The follower of two-way bindings
 * needs it to tell whether a later change of its own supersedes the arbiter's reflection of an
 * earlier one.
 *
 * <p>Called from the apply thread only; an implementation need not be thread-safe.
 */
@FunctionalInterface
public interface TargetRowReader {

    /**
     * @param table the table, as the applier writes it
     * @param key the key columns and their canonical values
     * @return the row with that key, or null when there is none
     * @throws Exception when it could not be read; the batch is then retried
     */
    RowImage read(TableSchema table, RowImage key) throws Exception;
}
