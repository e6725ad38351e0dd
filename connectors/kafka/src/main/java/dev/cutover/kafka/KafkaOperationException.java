package dev.cutover.kafka;

/**
 * A Kafka operation of Cutover failed: a topic could not be created or verified, a record was not
 * acknowledged. The message names the topic (and binding where there is one) and the bootstrap
 * servers, never other client properties, which may hold credentials.
 */
public class KafkaOperationException extends Exception {

    private static final long serialVersionUID = 1L;

    public KafkaOperationException(String message, Throwable cause) {
        super(message, cause);
    }

    public KafkaOperationException(String message) {
        super(message);
    }
}
