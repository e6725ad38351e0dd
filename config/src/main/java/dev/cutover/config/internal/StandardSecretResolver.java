package dev.cutover.config.internal;

import dev.cutover.config.SecretResolutionException;
import dev.cutover.config.SecretResolver;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} from an environment map and {@code ${file:path}} from the file
 * system. Thread-safe; exceptions name variables and paths, never values.
 */
public final class StandardSecretResolver implements SecretResolver {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> environment;

    /** @param environment variable name to value; copied */
    public StandardSecretResolver(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String resolve(String scheme, String argument, Path baseDirectory) throws SecretResolutionException {
        return switch (scheme) {
            case ENV -> environmentVariable(argument);
            case FILE -> file(argument, baseDirectory);
            default -> throw new SecretResolutionException("unknown reference type '" + scheme + "'; supported: ${"
                    + ENV + ":NAME}, ${" + FILE + ":path}");
        };
    }

    private String environmentVariable(String name) throws SecretResolutionException {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new SecretResolutionException("'" + name + "' is not an environment variable name");
        }
        String value = environment.get(name);
        if (value == null) {
            throw new SecretResolutionException("environment variable " + name + " is not set");
        }
        return value;
    }

    private static String file(String argument, Path baseDirectory) throws SecretResolutionException {
        if (argument.isBlank()) {
            throw new SecretResolutionException("a file reference needs a path");
        }
        Path file;
        try {
            file = baseDirectory.resolve(argument).normalize();
        } catch (InvalidPathException e) {
            throw new SecretResolutionException("'" + argument + "' is not a valid path");
        }
        try {
            return withoutTrailingLineBreaks(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new SecretResolutionException("file " + file + " does not exist");
        } catch (MalformedInputException e) {
            throw new SecretResolutionException("file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            // The exception's own message may quote file content on some platforms: name only its type.
            throw new SecretResolutionException("cannot read file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String withoutTrailingLineBreaks(String content) {
        int end = content.length();
        while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
            end--;
        }
        return content.substring(0, end);
    }
}
