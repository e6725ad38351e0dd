package dev.cutover.jdbc.load;

/**
 * A field of the source database's COPY text that the text path does not read back exactly as the
 * row-by-row reader would (an unusual spelling, a type it does not parse): the chunk is copied
 * row by row instead.
 */
final class UnreadableTextException extends Exception {

    UnreadableTextException(String message) {
        super(message);
    }

    UnreadableTextException(String message, Throwable cause) {
        super(message, cause);
    }
}
