package dev.cutover.cli.command;

import dev.cutover.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutover reload --config F}: the running bridge takes the configuration in F. Prints the
 * plan, then each step as the bridge reports it (a direction switch drains, verifies and moves key
 * generators first), until the reload ends. A reload the configuration or the tables refuse
 * changes nothing. {@code --url} names the bridge when F's {@code http} address does not reach it.
 */
@Command(name = "reload", description = {"Make a running bridge take the configuration file's changes: added bindings start, removed"
        + " ones stop, changed mappings and switched directions take effect. Prints each step as it happens.",
        "Exit code 0 when reloaded, 2 when refused (nothing changed), 3 when a step failed (the bridge runs as before the step)."})
public final class ReloadCommand extends BridgeAction {

    @Option(names = "--force", description = "Switch a binding's direction even when verify finds its tables differ.")
    boolean force;

    @Option(names = "--purge", description = "Delete the change topics (and a stored pause) of the bindings the file removes;"
            + " without it they are kept, so adding a binding back resumes where it stopped.")
    boolean purge;

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "PT0.5S", description = "How often to ask for progress "
            + "(ISO-8601, default ${DEFAULT-VALUE}).")
    Duration poll;

    @Override
    String command() {
        return "reload";
    }

    @Override
    void run(PrintStream out) throws BridgeClient.Failure {
        if (target.config == null) {
            throw new BridgeClient.Failure("give the configuration file to reload to with --config", ExitCodes.BAD_CONFIG);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("path", target.config.toAbsolutePath().toString());
        try {
            request.put("config", Files.readString(target.config));
        } catch (IOException e) {
            throw new BridgeClient.Failure("cannot read " + target.config + ": " + e.getMessage(), ExitCodes.BAD_CONFIG);
        }
        request.put("force", force);
        request.put("purge", purge);
        Map<?, ?> progress = (Map<?, ?>) target.call("POST", "/reload", request);
        ((List<?>) progress.get("lines")).forEach(out::println);
        int printed = 0;
        while (true) {
            List<?> steps = (List<?>) progress.get("steps");
            for (; printed < steps.size(); printed++) {
                Map<?, ?> step = (Map<?, ?>) steps.get(printed);
                out.printf("%-8s %-16s %-6s %6d ms  %s%n", step.get("binding") == null ? "-" : step.get("binding"), step.get("step"),
                        step.get("outcome"), ((Number) step.get("millis")).longValue(), step.get("message"));
            }
            String state = String.valueOf(progress.get("state"));
            if (state.equals("done")) {
                out.println("reloaded: " + progress.get("summary"));
                return;
            }
            if (!state.equals("running")) {
                throw new BridgeClient.Failure(progress.get("id") + " failed: " + progress.get("error"), ExitCodes.FAILED);
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BridgeClient.Failure("interrupted while waiting; the reload goes on in the bridge", ExitCodes.FAILED);
            }
            progress = (Map<?, ?>) target.call("GET", "/reload", null);
        }
    }
}
