package dev.cutover.jdbc.internal;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import java.util.Objects;

/**
 * A row whose key a conflict check had read as missing was there when the applier inserted it:
 * another writer inserted it meanwhile (nothing locks a row that does not exist). The check's
 * judgement no longer holds, so the transaction must roll back; the next attempt reads the row
 * under lock and checks it as a conflict.
 */
public final class RowAppearedException extends Exception {

    private final TableId table;
    private final RowImage key;

    RowAppearedException(TableId table, RowImage key) {
        super("a row of table " + table + " key " + key + " appeared while the batch was being applied");
        this.table = Objects.requireNonNull(table, "table");
        this.key = Objects.requireNonNull(key, "key");
    }

    public TableId table() {
        return table;
    }

    /** The key columns of the row, in key order. */
    public RowImage key() {
        return key;
    }
}
