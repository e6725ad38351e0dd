package dev.cutover.kafka;

/**
 * A writer schema could not be looked up because its store (the schemas topic) was unreachable.
 * Unlike a {@link ChangeCodecException}, this says nothing about the record: trying again later
 * may succeed.
 */
public class SchemaLookupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SchemaLookupException(String message, Throwable cause) {
        super(message, cause);
    }
}
