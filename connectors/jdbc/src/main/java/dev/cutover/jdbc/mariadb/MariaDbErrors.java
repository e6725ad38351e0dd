package dev.cutover.jdbc.mariadb;

import dev.cutover.jdbc.ErrorCategory;
import dev.cutover.jdbc.internal.SqlErrors;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Classifies and describes MariaDB/MySQL errors by their server error code
 * (<a href="https://mariadb.com/kb/en/mariadb-error-code-reference/">error codes</a>), falling back
 * to the SQLState where the code says nothing: many codes share SQLState {@code HY000}, among them
 * lock wait timeout (1205). Stateless.
 */
final class MariaDbErrors {

    /**
     * Too many connections (1040), out of memory (1041), server shutdown (1053), too many user
     * connections (1203), lock wait timeout (1205), deadlock (1213), query interrupted (1317),
     * statement needs re-preparing (1615), too many concurrent transactions (1637), connection
     * killed (1927), statement timeout (1969), MySQL query timeout (3024), client-side lost
     * connections (2006, 2013).
     */
    private static final Set<Integer> RETRIABLE_CODES = Set.of(1040, 1041, 1053, 1203, 1205, 1213, 1317, 1615, 1637, 1927, 1969,
            3024, 2006, 2013);
    /** Connection exceptions. */
    private static final Set<String> RETRIABLE_CLASSES = Set.of("08");
    /** Serialization failure (deadlock), interrupted or killed statements, and client timeouts. */
    private static final Set<String> RETRIABLE_STATES = Set.of("40001", "70100", "HYT00");

    /**
     * Refusals of a row's content reported under SQLState {@code HY000} or a warning state:
     * field without default (1364), incorrect value (1366), data truncated (1265), value out of
     * range (1690), invalid character string (1300), MySQL check constraint (3819).
     */
    private static final Set<Integer> REJECTABLE_CODES = Set.of(1364, 1366, 1265, 1690, 1300, 3819);
    /** Class 22 (data exception) and 23 (integrity constraint violation): the change's content was refused. */
    private static final Set<String> REJECTABLE_CLASSES = Set.of("22", "23");

    /** What a code means where the server's message does not say it. */
    private static final Map<Integer, String> MEANINGS = Map.of(
            4025, "check constraint violated",
            3819, "check constraint violated",
            1205, "lock wait timeout",
            1213, "deadlock");

    /** The driver's connection tag in front of server messages: {@code (conn=42) }. */
    private static final Pattern CONNECTION_TAG = Pattern.compile("^\\(conn=\\d+\\)\\s*");
    /** {@code Duplicate entry '<key value>' for key 'PRIMARY'}: the value runs to the last {@code ' for key '}. */
    private static final Pattern DUPLICATE_ENTRY = Pattern.compile("(Duplicate entry) '.*' (for key ')", Pattern.DOTALL);
    /** {@code Incorrect integer value: '<value>' for column ...}. */
    private static final Pattern VALUE_FOR_COLUMN = Pattern.compile("(value): '.*' (for column )", Pattern.DOTALL);
    /** {@code Truncated incorrect DOUBLE value: '<value>'} and other messages ending with the value. */
    private static final Pattern TRAILING_VALUE = Pattern.compile("(value): '.*'$", Pattern.DOTALL);

    private MariaDbErrors() {
    }

    static ErrorCategory classify(SQLException error) {
        int code = errorCode(error);
        String state = SqlErrors.sqlState(error);
        String stateClass = SqlErrors.sqlStateClass(state);
        if (RETRIABLE_CODES.contains(code) || RETRIABLE_CLASSES.contains(stateClass) || (state != null && RETRIABLE_STATES.contains(state))) {
            return ErrorCategory.RETRIABLE;
        }
        if (REJECTABLE_CODES.contains(code) || REJECTABLE_CLASSES.contains(stateClass)) {
            return ErrorCategory.REJECTABLE;
        }
        if (code == 0 && state == null) {
            SQLException root = SqlErrors.root(error);
            boolean transientType = root instanceof SQLTransientException || root instanceof SQLRecoverableException;
            return transientType ? ErrorCategory.RETRIABLE : ErrorCategory.FATAL;
        }
        return ErrorCategory.FATAL;
    }

    /**
     * The error code, SQLState and the server's message with the row values it quotes left out
     * (the key of a duplicate entry, the refused value of an incorrect value), keeping the names
     * of columns, keys and constraints.
     */
    static String describe(SQLException error) {
        SQLException source = source(error);
        int code = source.getErrorCode();
        String state = SqlErrors.sqlState(error);
        String meaning = MEANINGS.get(code);
        return "error " + code + " (SQLState " + (state == null ? "unknown" : state) + ")"
                + (meaning == null ? "" : ", " + meaning) + ": " + withoutValues(firstLine(String.valueOf(source.getMessage())));
    }

    static String withoutValues(String message) {
        String text = CONNECTION_TAG.matcher(message).replaceFirst("");
        text = DUPLICATE_ENTRY.matcher(text).replaceFirst("$1 $2");
        text = VALUE_FOR_COLUMN.matcher(text).replaceFirst("$1 $2");
        return TRAILING_VALUE.matcher(text).replaceFirst("$1");
    }

    /** The first non-zero vendor code in {@code error}, its next exceptions and its causes; 0 when none has one. */
    static int errorCode(SQLException error) {
        return source(error).getErrorCode();
    }

    /**
     * The server's own error: the first of {@code error}, its next exceptions and its causes that
     * carries a vendor code (a batch failure wraps it); {@link SqlErrors#root} when none does.
     */
    private static SQLException source(SQLException error) {
        Throwable current = SqlErrors.root(error);
        for (int depth = 0; depth < 16 && current != null; depth++) {
            if (current instanceof SQLException sql && sql.getErrorCode() != 0) {
                return sql;
            }
            current = current instanceof SQLException sql && sql.getNextException() != null ? sql.getNextException() : current.getCause();
        }
        return SqlErrors.root(error);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
