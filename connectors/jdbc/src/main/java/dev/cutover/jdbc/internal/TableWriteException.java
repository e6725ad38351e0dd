package dev.cutover.jdbc.internal;

import dev.cutover.core.event.TableId;
import java.sql.SQLException;
import java.util.Objects;

/** A statement writing {@link #table()} failed; the cause is the driver's error. */
public final class TableWriteException extends Exception {

    private final TableId table;

    TableWriteException(TableId table, SQLException cause) {
        super("writing table " + table + " failed", Objects.requireNonNull(cause, "cause"));
        this.table = table;
    }

    public TableId table() {
        return table;
    }

    /** The driver's error. */
    public SQLException sqlError() {
        return (SQLException) getCause();
    }
}
