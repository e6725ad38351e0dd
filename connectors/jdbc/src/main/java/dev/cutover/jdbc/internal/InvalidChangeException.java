package dev.cutover.jdbc.internal;

/** A change does not fit its target table (unknown table or column, missing key, value of the wrong class). */
public final class InvalidChangeException extends Exception {

    public InvalidChangeException(String message) {
        super(message);
    }
}
