package dev.cutover.core.pipeline.spi;

/** A batch could not be applied and nothing of it was committed. */
public class ApplyException extends Exception {

    private final boolean retriable;

    /**
     * @param message what failed, naming the target table and batch
     * @param retriable true when the same batch may succeed later (connection lost, deadlock,
     *     serialization failure); false when retrying cannot help (missing table, bad credentials)
     */
    public ApplyException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** Whether trying the same batch again may succeed. */
    public boolean retriable() {
        return retriable;
    }
}
