package dev.cutover.config;

/**
 * A reference such as {@code ${env:LEGACY_PASSWORD}} that cannot be resolved. The message names
 * the reference (variable name, file path) and never contains a secret value.
 */
public final class SecretResolutionException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message why the reference cannot be resolved, without any secret value */
    public SecretResolutionException(String message) {
        super(message);
    }
}
