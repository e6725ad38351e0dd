package dev.cutover.service.command;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cutover.config.BridgeConfig;
import dev.cutover.config.ConfigException;
import dev.cutover.config.ConfigLoader;
import dev.cutover.service.CutoverCli;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cutover conflicts list|show|resolve}: the conflicts of a running bridge's two-way
 * bindings, through its HTTP endpoint ({@code /conflicts}).
 */
@Command(name = "conflicts", description = "List, show and resolve the conflicts of a running bridge's two-way bindings.",
        subcommands = {ConflictsCommand.ListConflicts.class, ConflictsCommand.ShowConflict.class,
                ConflictsCommand.ResolveConflict.class})
public final class ConflictsCommand implements Runnable {

    @Override
    public void run() {
        System.err.println("cutover conflicts: name an action: list, show <id> or resolve <id>");
    }

    /** Where the running bridge answers: its configuration's HTTP address, or a URL. */
    static final class Target {
        @Option(names = {"-c", "--config"}, description = "The bridge's YAML configuration file (its http address is used).")
        Path config;

        @Option(names = "--url", description = "The bridge's HTTP base URL, e.g. http://127.0.0.1:8080, instead of --config.")
        String url;

        private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        /** Sends a request and returns the parsed JSON body; errors become a {@link Failure} with the bridge's message. */
        Object call(String method, String path, Object body) throws Failure {
            URI uri = URI.create(base() + path);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
            try {
                request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                        : request.header("Content-Type", "application/json")
                                .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                Object doc = response.body().isBlank() ? null : JSON.readValue(response.body(), new TypeReference<Object>() { });
                if (response.statusCode() != 200) {
                    Object error = doc instanceof Map<?, ?> m ? m.get("error") : response.body();
                    throw new Failure("the bridge at " + base() + " answered " + response.statusCode()
                            + (response.statusCode() == 404 && path.equals("/conflicts") ? " (it has no two-way binding)" : "")
                            + ": " + error, response.statusCode() == 404 ? CutoverCli.EXIT_FAILED : CutoverCli.EXIT_BAD_CONFIG);
                }
                return doc;
            } catch (ConnectException e) {
                throw new Failure("no bridge answers at " + base() + "; is `cutover run` running with this configuration?",
                        CutoverCli.EXIT_FAILED);
            } catch (IOException e) {
                throw new Failure("talking to the bridge at " + base() + " failed: " + e.getMessage(), CutoverCli.EXIT_FAILED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("interrupted", CutoverCli.EXIT_FAILED);
            }
        }

        private String base() throws Failure {
            if (url != null) {
                return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            }
            if (config == null) {
                throw new Failure("give the bridge's --config file or its --url", CutoverCli.EXIT_BAD_CONFIG);
            }
            BridgeConfig bridge;
            try {
                bridge = ConfigLoader.load(config);
            } catch (ConfigException e) {
                throw new Failure(e.getMessage(), CutoverCli.EXIT_BAD_CONFIG);
            }
            String host = bridge.http().host();
            if (host.equals("0.0.0.0") || host.equals("::")) {
                host = "127.0.0.1";
            }
            return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + bridge.http().port();
        }

        static String pretty(Object doc) {
            try {
                return JSON.writeValueAsString(doc);
            } catch (IOException e) {
                return String.valueOf(doc);
            }
        }
    }

    /** A command failure with its message and exit code. */
    static final class Failure extends Exception {
        final int exitCode;

        Failure(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    /** Runs an action, printing a failure to stderr and turning it into the exit code. */
    abstract static class Action implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public Integer call() {
            try {
                run(System.out);
                return 0;
            } catch (Failure e) {
                System.err.println("cutover conflicts: " + e.getMessage());
                return e.exitCode;
            }
        }

        abstract void run(PrintStream out) throws Failure;
    }

    @Command(name = "list", description = "List conflicts, newest first: id, binding, system written, kind, key, policy, decision.")
    static final class ListConflicts extends Action {
        @Option(names = "--open", description = "Only conflicts waiting for a person.")
        boolean open;

        @Option(names = "--binding", description = "Only this binding's conflicts.")
        String binding;

        @Override
        void run(PrintStream out) throws Failure {
            String path = "/conflicts?open=" + open + (binding == null ? "" : "&binding=" + URLEncoder.encode(binding, StandardCharsets.UTF_8));
            List<?> rows = (List<?>) target.call("GET", path, null);
            if (rows.isEmpty()) {
                out.println(open ? "No conflicts wait for a person." : "No conflicts.");
                return;
            }
            String format = "%-16s  %-14s  %-6s  %-14s  %-24s  %-11s  %-16s  %s%n";
            out.printf(format, "ID", "BINDING", "SYSTEM", "KIND", "KEY", "POLICY", "DECISION", "DETECTED");
            for (Object row : rows) {
                Map<?, ?> c = (Map<?, ?>) row;
                out.printf(format, c.get("id"), c.get("binding"), c.get("target"), c.get("kind"), c.get("key"), c.get("policy"),
                        c.get("decision"), c.get("detectedAt"));
            }
        }
    }

    @Command(name = "show", description = "Show one conflict: both images, the target's row, the decision and why, held changes.")
    static final class ShowConflict extends Action {
        @Parameters(index = "0", paramLabel = "ID", description = "The conflict's id, as `list` shows it.")
        String id;

        @Override
        void run(PrintStream out) throws Failure {
            out.println(Target.pretty(target.call("GET", "/conflicts/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null)));
        }
    }

    @Command(name = "resolve", description = "Resolve a conflict waiting for a person: choose a system's version or supply the row; "
            + "both systems end with it, and the changes that waited behind the conflict are applied.")
    static final class ResolveConflict extends Action {
        @Parameters(index = "0", paramLabel = "ID", description = "The conflict's id, as `list` shows it.")
        String id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Choice choice;

        static final class Choice {
            @Option(names = "--use", paramLabel = "SYSTEM", description = "legacy or new: that system's version wins.")
            String use;

            @Option(names = "--row", paramLabel = "JSON", description = "The row both systems get, as a JSON object in the new system's column names.")
            String row;
        }

        @Override
        void run(PrintStream out) throws Failure {
            Map<String, Object> body = new LinkedHashMap<>();
            if (choice.use != null) {
                body.put("use", choice.use);
            } else {
                try {
                    body.put("row", Target.JSON.readValue(choice.row, new TypeReference<Map<String, Object>>() { }));
                } catch (IOException e) {
                    throw new Failure("--row is not a JSON object: " + e.getMessage(), CutoverCli.EXIT_BAD_CONFIG);
                }
            }
            out.println(Target.pretty(target.call("POST", "/conflicts/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/resolve", body)));
        }
    }
}
