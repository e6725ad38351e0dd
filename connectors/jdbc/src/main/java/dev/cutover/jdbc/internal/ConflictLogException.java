package dev.cutover.jdbc.internal;

/** The conflict log did not store a transaction's entries, so the transaction must not commit. */
public final class ConflictLogException extends Exception {

    ConflictLogException(String message, Exception cause) {
        super(message, cause);
    }
}
