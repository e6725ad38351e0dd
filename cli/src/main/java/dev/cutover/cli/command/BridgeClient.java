package dev.cutover.cli.command;

import dev.cutover.cli.ExitCodes;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cutover.config.BridgeConfig;
import dev.cutover.config.Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The running bridge as the commands that talk to it ({@code conflicts}, {@code resync},
 * {@code status}) reach it: over HTTP, at its configuration's {@code http} address or at a URL.
 * Requests that change state carry what the bridge asks of them: the header
 * {@code X-Cutover-Request}, a JSON body and, when there is one, the bearer token (from
 * {@code --token-file}, else the configuration's {@code http.token}, else the environment variable
 * {@value #TOKEN_VARIABLE}). A picocli mixin.
 */
final class BridgeClient {

    /** The environment variable that holds the bridge's token when neither --token-file nor the configuration gives it. */
    static final String TOKEN_VARIABLE = "CUTOVER_HTTP_TOKEN";

    @Option(names = {"-c", "--config"}, description = "The bridge's YAML configuration file (its http address and http.token are used).")
    Path config;

    @Option(names = "--url", description = "The bridge's HTTP base URL, e.g. http://127.0.0.1:8080, instead of --config.")
    String url;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the bridge's http.token, sent as "
            + "`Authorization: Bearer` on requests that change state; without it the token comes from --config's http.token, "
            + "else from the environment variable " + TOKEN_VARIABLE + ". A bridge without http.token takes those requests "
            + "only from its own machine (the CLI sends the header X-Cutover-Request it asks for).")
    Path tokenFile;

    /** Looks up environment variables; replaced in tests. */
    Function<String, String> environment = System::getenv;

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Sends a request and returns the parsed JSON body; errors become a {@link Failure} with the bridge's message. */
    Object call(String method, String path, Object body) throws Failure {
        URI uri = URI.create(base() + path);
        try {
            HttpResponse<String> response = client.send(request(uri, method, body), HttpResponse.BodyHandlers.ofString());
            Object doc = response.body().isBlank() ? null : JSON.readValue(response.body(), new TypeReference<Object>() { });
            if (response.statusCode() != 200) {
                Object error = doc instanceof Map<?, ?> m ? m.get("error") : response.body();
                throw new Failure("the bridge at " + base() + " answered " + response.statusCode()
                        + (response.statusCode() == 404 && path.equals("/conflicts") ? " (it has no two-way binding)" : "")
                        + ": " + error, response.statusCode() == 404 ? ExitCodes.FAILED : ExitCodes.BAD_CONFIG);
            }
            return doc;
        } catch (ConnectException e) {
            throw new Failure("no bridge answers at " + base() + "; is `cutover run` running with this configuration?",
                    ExitCodes.FAILED);
        } catch (IOException e) {
            throw new Failure("talking to the bridge at " + base() + " failed: " + e.getMessage(), ExitCodes.FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted", ExitCodes.FAILED);
        }
    }

    /**
     * The request: a GET or HEAD as it is; any other method with the header the bridge asks for, a
     * JSON body (an empty object when there is none) and the token when one is known.
     */
    HttpRequest request(URI uri, String method, Object body) throws Failure, IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if (method.equals("GET") || method.equals("HEAD")) {
            return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        request.header("X-Cutover-Request", "1").header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body == null ? Map.of() : body)));
        String token = token();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    /** The token: from --token-file, the configuration's http.token or the environment; null when none is given. */
    private String token() throws Failure {
        if (tokenFile != null) {
            try {
                return Files.readString(tokenFile).strip();
            } catch (IOException e) {
                throw new Failure("cannot read --token-file " + tokenFile + ": " + e.getMessage(), ExitCodes.BAD_CONFIG);
            }
        }
        Secret configured = config == null ? null : loadConfig().http().token();
        if (configured != null) {
            return configured.reveal();
        }
        String variable = environment.apply(TOKEN_VARIABLE);
        return variable == null || variable.isBlank() ? null : variable.strip();
    }

    private BridgeConfig loadConfig() throws Failure {
        StringBuilder problems = new StringBuilder();
        BridgeConfig bridge = ConfigFile.loadOrReport(config, problems::append);
        if (bridge == null) {
            throw new Failure(problems.toString(), ExitCodes.BAD_CONFIG);
        }
        return bridge;
    }

    private String base() throws Failure {
        if (url != null) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        if (config == null) {
            throw new Failure("give the bridge's --config file or its --url", ExitCodes.BAD_CONFIG);
        }
        BridgeConfig bridge = loadConfig();
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
