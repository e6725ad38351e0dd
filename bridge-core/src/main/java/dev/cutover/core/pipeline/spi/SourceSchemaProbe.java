package dev.cutover.core.pipeline.spi;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.TableSchema;

/**
 * Reads a captured table's schema as its database declares it now, with the binding's key, to
 * confirm a suspicion of schema drift. Thread-safe; each call reads the catalog.
 */
@FunctionalInterface
public interface SourceSchemaProbe {

    /**
     * @throws Exception when the table or the catalog cannot be read
     */
    TableSchema read(TableId table) throws Exception;
}
