package dev.cutover.core.condition;

/**
 * How one database writes names and text into SQL that cannot bind values (a condition Debezium
 * pastes into its own queries). Implementations are stateless and thread-safe.
 */
public interface SqlQuoting {

    /** {@code name} as a quoted identifier that the database takes literally, whatever it contains. */
    String identifier(String name);

    /**
     * {@code value} as a string literal that the database reads back as exactly {@code value} and
     * that cannot end before its closing quote, whatever the value contains.
     */
    String string(String value);
}
