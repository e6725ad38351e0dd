package dev.cutover.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value, such as a database password, that must never be logged.
 *
 * <p>{@link #toString()} prints {@code [hidden]}; only {@link #reveal()} gives the value, and only
 * code that hands it to a driver should call it. Immutable and thread-safe.
 */
public final class Secret {

    /** What a hidden value prints as, everywhere Cutover shows configuration. */
    public static final String HIDDEN = "[hidden]";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps {@code value}, which must not be null. */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value"));
    }

    /** The secret value itself. */
    public String reveal() {
        return value;
    }

    /** Compares in constant time so that comparisons do not leak how much of a value matched. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Always {@value #HIDDEN}. */
    @Override
    public String toString() {
        return HIDDEN;
    }
}
