package dev.cutover.runtime;

/** The service cannot start; the message says what to fix and where. */
public class StartupException extends Exception {

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
