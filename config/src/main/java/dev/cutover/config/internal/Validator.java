package dev.cutover.config.internal;

/**
 * A rule a well-typed value must also satisfy. Immutable and thread-safe.
 *
 * @param <T> the value type
 */
public interface Validator<T> {

    /** The allowed values, for the reference, e.g. {@code 1 to 32767}. */
    String allowed();

    /**
     * Checks {@code value}.
     *
     * @return null when valid, else what is required, e.g. {@code must be positive}; never quotes
     *     the value (the caller decides whether it may be shown)
     */
    String problem(T value);
}
