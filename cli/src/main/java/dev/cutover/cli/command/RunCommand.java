package dev.cutover.cli.command;

import dev.cutover.cli.ExitCodes;
import dev.cutover.config.BridgeConfig;
import dev.cutover.runtime.Causes;
import dev.cutover.runtime.BridgeService;
import dev.cutover.runtime.ServiceState;
import dev.cutover.runtime.StartupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import sun.misc.Signal;
import picocli.CommandLine.Option;

/**
 * {@code cutover run --config F}: the long-lived service. SIGTERM (or Ctrl-C) drains and stops;
 * SIGHUP reloads F, as {@code cutover reload --config F} does (its progress in the log and in
 * {@code GET /reload}).
 */
@Command(name = "run", description = "Run the bridge until stopped (SIGTERM drains, commits and exits; SIGHUP reloads the configuration"
        + " file).")
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = {"-c", "--config"}, required = true, description = "The bridge's YAML configuration file.")
    Path config;

    @Override
    public Integer call() throws Exception {
        BridgeConfig bridge = ConfigFile.loadOrReport(config, System.err::println);
        if (bridge == null) {
            return ExitCodes.BAD_CONFIG;
        }
        BridgeService service = new BridgeService(bridge, Clock.systemUTC());
        try {
            service.start();
        } catch (StartupException e) {
            System.err.println("cutover: cannot start bridge '" + bridge.name() + "': " + Causes.oneLine(e));
            return ExitCodes.BAD_CONFIG;
        } catch (Exception e) {
            // A dependency failed while starting (Kafka, a database): the log has the trace, the person one line.
            LOG.debug("Start of bridge '{}' failed", bridge.name(), e);
            System.err.println("cutover: cannot start bridge '" + bridge.name() + "': " + Causes.oneLine(e));
            return ExitCodes.FAILED;
        }
        reloadOnHangup(service);
        stopOnTerminate(service);
        // Ctrl-C and an exit for any other reason still stop the bridge cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "cutover-shutdown"));
        while (!service.awaitStop(Duration.ofSeconds(1))) {
            // Waiting for SIGTERM or a component failure.
        }
        if (service.state() == ServiceState.FAILED) {
            System.err.println("cutover: bridge '" + bridge.name() + "' failed: " + Causes.oneLine(service.failure()));
            return ExitCodes.FAILED;
        }
        return 0;
    }

    /**
     * SIGTERM stops the bridge (drains, commits) and {@code run} exits 0, as a service manager
     * expects of a requested stop; the JVM's own handling would exit 143 after the same stop.
     */
    private static void stopOnTerminate(BridgeService service) {
        try {
            Signal.handle(new Signal("TERM"), signal -> {
                LOG.info("SIGTERM: stopping");
                service.stop();
            });
        } catch (IllegalArgumentException e) {
            LOG.warn("SIGTERM cannot be handled on this platform ({}); the JVM stops the bridge on exit", e.getMessage());
        }
    }

    /** SIGHUP reloads the configuration file; a refused reload is logged and changes nothing. */
    private void reloadOnHangup(BridgeService service) {
        try {
            Signal.handle(new Signal("HUP"), signal -> {
                try {
                    service.reloads().start(Files.readString(config), config.toAbsolutePath().toString(), false, false);
                    LOG.info("SIGHUP: reloading {}; GET /reload follows it", config);
                } catch (IOException | RuntimeException e) {
                    LOG.error("SIGHUP: not reloading {}: {}", config, e.getMessage());
                }
            });
        } catch (IllegalArgumentException e) {
            LOG.warn("SIGHUP cannot be handled on this platform ({}); use cutover reload", e.getMessage());
        }
    }
}
