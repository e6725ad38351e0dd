package dev.cutover.config;

import dev.cutover.config.internal.StandardSecretResolver;
import java.nio.file.Path;
import java.util.Map;

/**
 * Resolves the references a configuration file may use wherever a string is allowed:
 * {@code ${env:NAME}} (an environment variable) and {@code ${file:path}} (a file's content, the
 * path relative to the configuration file's directory, trailing line breaks removed).
 *
 * <p>Injected into {@link ConfigLoader} so that tests do not depend on the real environment.
 * Implementations must be thread-safe and must never put a resolved value into an exception.
 */
@FunctionalInterface
public interface SecretResolver {

    /** The reference scheme for environment variables. */
    String ENV = "env";
    /** The reference scheme for files. */
    String FILE = "file";

    /**
     * Resolves {@code ${scheme:argument}}.
     *
     * @param scheme the part before the colon, e.g. {@code env}
     * @param argument the part after the colon, e.g. a variable name or a file path
     * @param baseDirectory the configuration file's directory, against which relative paths resolve
     * @return the value, never null
     * @throws SecretResolutionException when the scheme is unknown or the value is missing
     */
    String resolve(String scheme, String argument, Path baseDirectory) throws SecretResolutionException;

    /**
     * The standard resolver: {@code env} reads {@code environment}, {@code file} reads files.
     *
     * @param environment variable name to value, e.g. {@code System.getenv()}; copied
     */
    static SecretResolver fromEnvironment(Map<String, String> environment) {
        return new StandardSecretResolver(environment);
    }
}
