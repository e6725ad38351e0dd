package dev.cutover.service.command;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cutover.config.BridgeConfig;
import dev.cutover.service.CutoverCli;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The running bridge as the commands that talk to it ({@code conflicts}, {@code resync},
 * {@code status}) reach it: over HTTP, at its configuration's {@code http} address or at a URL.
 * A picocli mixin.
 */
final class BridgeClient {

    @Option(names = {"-c", "--config"}, description = "The bridge's YAML configuration file (its http address is used).")
    Path config;

    @Option(names = "--url", description = "The bridge's HTTP base URL, e.g. http://127.0.0.1:8080, instead of --config.")
    String url;

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
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
        StringBuilder problems = new StringBuilder();
        BridgeConfig bridge = ConfigFile.loadOrReport(config, problems::append);
        if (bridge == null) {
            throw new Failure(problems.toString(), CutoverCli.EXIT_BAD_CONFIG);
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

    /** A command failure with its message and exit code. */
    public static final class Failure extends Exception {
        final int exitCode;

        Failure(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }
    }
}
