package dev.cutover.jdbc;

/**
 * A table's schema could not be read or does not fit what Cutover needs. The message names the
 * table and database; it never contains credentials.
 */
public class JdbcSchemaException extends Exception {

    public JdbcSchemaException(String message) {
        super(message);
    }

    public JdbcSchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
