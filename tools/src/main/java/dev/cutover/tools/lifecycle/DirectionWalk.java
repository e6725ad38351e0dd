package dev.cutover.tools.lifecycle;

import dev.cutover.runtime.BridgeService;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Switches a running bridge's binding from one direction to the next as an operator does: writes
 * the configuration file with the new direction and reloads the bridge to it, printing each step of
 * the switch as the bridge reports it.
 */
public final class DirectionWalk {

    /** One step of a switch as the bridge reported it. */
    public record Step(String binding, String name, String outcome, long millis, String message) {
    }

    /** A switch: the direction it went to, its steps, and how long the whole reload took. */
    public record Switched(String direction, List<Step> steps, Duration took) {
    }

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final BridgeService service;
    private final Path configFile;
    private final Function<String, String> configWith;
    private final PrintStream out;

    /**
     * @param configWith the configuration file's content with the walked binding in the given direction
     */
    public DirectionWalk(BridgeService service, Path configFile, Function<String, String> configWith, PrintStream out) {
        this.service = service;
        this.configFile = configFile;
        this.configWith = configWith;
        this.out = out;
    }

    /**
     * Reloads the bridge with the binding in {@code direction}; returns once the reload ended.
     *
     * @throws IllegalStateException when the bridge refused the reload or a step failed, saying why
     */
    public Switched switchTo(String direction) throws Exception {
        String yaml = configWith.apply(direction);
        Files.writeString(configFile, yaml);
        long started = System.nanoTime();
        Map<String, Object> progress;
        try {
            progress = service.reloads().start(yaml, configFile.toString(), false, false);
        } catch (IllegalArgumentException | IllegalStateException refused) {
            throw new IllegalStateException("the switch to " + direction + " was refused: " + refused.getMessage(), refused);
        }
        List<Step> steps = new ArrayList<>();
        long deadline = started + TIMEOUT.toNanos();
        while (true) {
            printNewSteps(progress, steps);
            Object state = progress.get("state");
            if ("done".equals(state)) {
                return new Switched(direction, List.copyOf(steps), Duration.ofNanos(System.nanoTime() - started));
            }
            if (!"running".equals(state)) {
                throw new IllegalStateException("the switch to " + direction + " failed: " + progress.get("error"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the switch to " + direction + " did not end within " + TIMEOUT);
            }
            Thread.sleep(POLL.toMillis()); // the reload runs on the bridge's thread; its progress is polled as the CLI does
            progress = service.reloads().progress();
        }
    }

    private void printNewSteps(Map<String, Object> progress, List<Step> printed) {
        List<?> reported = (List<?>) progress.get("steps");
        for (int i = printed.size(); i < reported.size(); i++) {
            Map<?, ?> s = (Map<?, ?>) reported.get(i);
            Step step = new Step(s.get("binding") == null ? "-" : String.valueOf(s.get("binding")), String.valueOf(s.get("step")),
                    String.valueOf(s.get("outcome")), ((Number) s.get("millis")).longValue(), String.valueOf(s.get("message")));
            printed.add(step);
            out.printf("    %-15s %-6s %6d ms  %s%n", step.name(), step.outcome(), step.millis(), step.message());
        }
        out.flush();
    }
}
