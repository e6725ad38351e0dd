package dev.cutover.jdbc.internal;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

/** Finds the error that matters inside the wrappers JDBC drivers put around it. Stateless. */
public final class SqlErrors {

    private static final int MAX_DEPTH = 16;

    private SqlErrors() {
    }

    /**
     * The most specific error: for a {@link BatchUpdateException} the failing statement's own
     * error (drivers chain it as the next exception), otherwise {@code error} itself.
     */
    public static SQLException root(SQLException error) {
        SQLException current = error;
        for (int depth = 0; depth < MAX_DEPTH && current instanceof BatchUpdateException; depth++) {
            SQLException next = current.getNextException();
            if (next == null) {
                break;
            }
            current = next;
        }
        return current;
    }

    /**
     * The first SQLState found in {@code error}, its next exceptions and its causes; null when
     * none carries one.
     */
    public static String sqlState(SQLException error) {
        Throwable current = root(error);
        for (int depth = 0; depth < MAX_DEPTH && current != null; depth++) {
            if (current instanceof SQLException sql) {
                if (sql.getSQLState() != null && !sql.getSQLState().isBlank()) {
                    return sql.getSQLState();
                }
                current = sql.getNextException() != null ? sql.getNextException() : sql.getCause();
            } else {
                current = current.getCause();
            }
        }
        return error.getSQLState();
    }

    /** The two-character class of {@code sqlState} ({@code 08}, {@code 23}, ...), or empty when unknown. */
    public static String sqlStateClass(String sqlState) {
        return sqlState == null || sqlState.length() < 2 ? "" : sqlState.substring(0, 2);
    }
}
