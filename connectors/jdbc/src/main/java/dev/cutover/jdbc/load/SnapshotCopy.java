package dev.cutover.jdbc.load;

import dev.cutover.core.schema.TableSchema;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.function.LongConsumer;

/**
 * Copies the rows of a source table, as one consistent snapshot of it sees them, into a PostgreSQL
 * table with {@code COPY}, in pieces written in parallel, each committed whole or not at all.
 */
public interface SnapshotCopy {

    /** True when {@code table} of the target holds no row: a plain {@code COPY} cannot meet a row it would duplicate. */
    boolean targetEmpty(TableSchema table) throws SQLException;

    /**
     * Copies the rows of {@code from} that {@code condition} selects into {@code to} through {@code mapping}.
     *
     * @param condition SQL of the source database selecting the rows; null for every row
     * @param merge true to upsert over rows the target holds (false only for a target that holds none)
     * @param workers runs the pieces
     * @param copied told each piece's rows once committed
     * @return how many rows were copied
     * @throws Exception the first failure of a piece; the pieces not started are cancelled, those committed stay
     */
    long copy(TableSchema from, TableSchema to, String condition, RowMapping mapping, boolean merge, ExecutorService workers,
            LongConsumer copied) throws Exception;
}
