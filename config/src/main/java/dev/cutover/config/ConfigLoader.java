package dev.cutover.config;

import dev.cutover.config.internal.ConfigReader;
import dev.cutover.config.internal.ParseContext;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads and validates a bridge's YAML configuration file before anything connects.
 *
 * <p>Every problem is collected (unknown keys, wrong types, missing keys, invalid values,
 * impossible combinations) and reported together in one {@link ConfigException}. Relative paths
 * and {@code ${file:...}} references resolve against the file's directory. Stateless and
 * thread-safe.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** Loads {@code file}, resolving {@code ${env:...}} from the process environment. */
    public static BridgeConfig load(Path file) throws ConfigException {
        return load(file, SecretResolver.fromEnvironment(System.getenv()));
    }

    /** Loads {@code file}, resolving {@code ${env:...}} from {@code environment}. */
    public static BridgeConfig load(Path file, Map<String, String> environment) throws ConfigException {
        return load(file, SecretResolver.fromEnvironment(environment));
    }

    /** Loads {@code file}, resolving references with {@code resolver}. */
    public static BridgeConfig load(Path file, SecretResolver resolver) throws ConfigException {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw single(file, "the configuration file does not exist");
        } catch (MalformedInputException e) {
            throw single(file, "the configuration file is not UTF-8 text");
        } catch (IOException e) {
            throw single(file, "cannot read the configuration file (" + e.getClass().getSimpleName() + ")");
        }
        return parse(yaml, file, resolver);
    }

    /**
     * Parses configuration text without reading {@code file}, which only names the text in
     * messages and anchors relative paths.
     *
     * @param yaml the configuration text
     * @param file where the text is said to come from
     * @param resolver resolves {@code ${...}} references
     */
    public static BridgeConfig parse(String yaml, Path file, SecretResolver resolver) throws ConfigException {
        Path directory = file.toAbsolutePath().normalize().getParent();
        ParseContext ctx = new ParseContext(resolver, directory);
        BridgeConfig config = ConfigReader.read(yaml, file.toString(), ctx);
        if (ctx.hasProblems()) {
            throw new ConfigException(file.toString(), ctx.problems());
        }
        if (config == null) {
            throw new IllegalStateException("configuration " + file + " was rejected without a problem being reported");
        }
        return config;
    }

    private static ConfigException single(Path file, String message) {
        return new ConfigException(file.toString(), List.of(new ConfigProblem("", message)));
    }
}
