package dev.cutover.jdbc.postgres;

import dev.cutover.jdbc.ErrorCategory;
import dev.cutover.jdbc.internal.SqlErrors;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Classifies and describes PostgreSQL errors by SQLState
 * (<a href="https://www.postgresql.org/docs/15/errcodes-appendix.html">error codes</a>). Stateless.
 */
final class PostgresErrors {

    /**
     * Transient states outside the wholly transient classes 08 (connection exception) and 53
     * (insufficient resources): serialization failure, deadlock, lock timeout, statement
     * cancelled (timeout or administrator), and server shutdown / crash / not yet accepting.
     */
    private static final Set<String> RETRIABLE_STATES = Set.of("40001", "40P01", "55P03", "57014", "57P01", "57P02", "57P03");
    private static final Set<String> RETRIABLE_CLASSES = Set.of("08", "53");
    /** Class 22 (data exception) and 23 (integrity constraint violation): the change's content was refused. */
    private static final Set<String> REJECTABLE_CLASSES = Set.of("22", "23");

    private PostgresErrors() {
    }

    static ErrorCategory classify(SQLException error) {
        String state = SqlErrors.sqlState(error);
        if (state == null) {
            SQLException root = SqlErrors.root(error);
            boolean transientType = root instanceof SQLTransientException || root instanceof SQLRecoverableException;
            return transientType ? ErrorCategory.RETRIABLE : ErrorCategory.FATAL;
        }
        String stateClass = SqlErrors.sqlStateClass(state);
        if (RETRIABLE_CLASSES.contains(stateClass) || RETRIABLE_STATES.contains(state)) {
            return ErrorCategory.RETRIABLE;
        }
        return REJECTABLE_CLASSES.contains(stateClass) ? ErrorCategory.REJECTABLE : ErrorCategory.FATAL;
    }

    /**
     * The SQLState and the server's primary message. The detail (which quotes the failing row) is
     * left out; so is, for data exceptions (class 22), everything after the first colon, where
     * PostgreSQL quotes the offending input value.
     */
    static String describe(SQLException error) {
        SQLException root = SqlErrors.root(error);
        String state = SqlErrors.sqlState(error);
        String message = primaryMessage(root);
        if ("22".equals(SqlErrors.sqlStateClass(state))) {
            int colon = message.indexOf(':');
            message = colon < 0 ? message : message.substring(0, colon).stripTrailing();
        }
        return "SQLState " + (state == null ? "unknown" : state) + ": " + message;
    }

    private static String primaryMessage(SQLException root) {
        if (root instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server != null && server.getMessage() != null) {
                return server.getMessage();
            }
        }
        return firstLine(String.valueOf(root.getMessage()));
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
