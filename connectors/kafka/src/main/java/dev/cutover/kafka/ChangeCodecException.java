package dev.cutover.kafka;

/**
 * A change could not be encoded into, or decoded from, its Avro form. The message names the topic
 * or table, the column and the change's key and position where known; it never contains values
 * of non-key columns.
 */
public class ChangeCodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ChangeCodecException(String message, Throwable cause) {
        super(message, cause);
    }

    public ChangeCodecException(String message) {
        super(message);
    }
}
