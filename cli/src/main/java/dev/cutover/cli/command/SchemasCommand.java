package dev.cutover.cli.command;

import dev.cutover.cli.ExitCodes;
import dev.cutover.config.BridgeConfig;
import dev.cutover.config.ConfigException;
import dev.cutover.config.ConfigLoader;
import dev.cutover.kafka.AvscExporter;
import dev.cutover.runtime.BindingCompiler;
import dev.cutover.runtime.CompiledBinding;
import dev.cutover.runtime.StartupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutover schemas --config F --out DIR}: writes the Avro key and value schema of every
 * change topic, derived from the real target tables, so consumers can be written without Cutover.
 */
@Command(name = "schemas", description = "Write the .avsc key and value schema of every change topic.")
public final class SchemasCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, description = "The bridge's YAML configuration file.")
    Path config;

    @Option(names = {"-o", "--out"}, required = true, description = "Directory to write the .avsc files into.")
    Path out;

    @Override
    public Integer call() throws Exception {
        BridgeConfig bridge;
        List<CompiledBinding> bindings;
        try {
            bridge = ConfigLoader.load(config);
            bindings = new BindingCompiler(bridge).compile();
        } catch (ConfigException | StartupException e) {
            System.err.println(e.getMessage());
            return ExitCodes.BAD_CONFIG;
        }
        Files.createDirectories(out);
        List<Path> written = AvscExporter.write(out, bindings.stream().map(CompiledBinding::route).toList(), bridge.name());
        written.forEach(p -> System.out.println(p));
        return 0;
    }
}
