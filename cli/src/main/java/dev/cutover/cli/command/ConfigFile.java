package dev.cutover.cli.command;

import dev.cutover.cli.ExitCodes;
import dev.cutover.config.BridgeConfig;
import dev.cutover.config.ConfigException;
import dev.cutover.config.ConfigLoader;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Loads the configuration file a command names, reporting every problem in it to the user. */
final class ConfigFile {

    private ConfigFile() {
    }

    /**
     * The bridge configuration in {@code file}, or null after handing its problems to {@code err}
     * (the command then exits with {@code ExitCodes.BAD_CONFIG}).
     */
    static BridgeConfig loadOrReport(Path file, Consumer<String> err) {
        try {
            return ConfigLoader.load(file);
        } catch (ConfigException e) {
            err.accept(e.getMessage());
            return null;
        }
    }
}
