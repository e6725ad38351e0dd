package dev.cutover.jdbc;

/** What a database error means for the batch that met it; decided by {@link SqlDialect#classify}. */
public enum ErrorCategory {
    /**
     * The database or the connection to it failed for a while (connection lost, server shutting
     * down, out of resources, deadlock, serialization failure): the same batch may succeed later.
     */
    RETRIABLE,
    /**
     * The database refused the content of a change (a constraint, a value out of range): that
     * change can be isolated and rejected while the rest of its batch is applied.
     */
    REJECTABLE,
    /** Retrying cannot help (missing table or column, missing privilege, bad credentials). */
    FATAL
}
