package dev.cutover.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cutover.config.Secret;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The service's HTTP endpoints: {@code /metrics} (Prometheus text), {@code /health/live},
 * {@code /health/ready}, {@code /status} (JSON) and, with two-way bindings, {@code /conflicts} (see
 * {@link ConflictEndpoint}; its resolve action changes rows) and {@code /resync} (see
 * {@link ResyncEndpoint}; a POST re-copies a streamed table's rows) and {@code /deadletters} (see
 * {@link DeadLetterEndpoint}; replay and discard write rows), {@code /history} (see {@link HistoryEndpoint}),
 * {@code /bindings/{name}/pause|resume} (see {@link BindingEndpoint}) and {@code /reload/plan} (see
 * {@link ReloadEndpoint}). Binds to the configured address,
 * loopback by default. Every request that changes state passes {@link ControlRequestGuard} first
 * (a token, or loopback with its header; a JSON body); GET and HEAD stay open. Start once, close
 * once (idempotent).
 */
public final class HttpEndpoints implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private volatile boolean closed;

    /**
     * Binds and starts serving.
     *
     * @param metrics produces the Prometheus exposition text
     * @param live whether the process is alive (not failed)
     * @param notReady why the bridge is not ready (every binding applying, dependencies reachable); empty when it is
     * @param status the per-binding status document: maps, lists, strings and numbers only
     * @param conflicts answers {@code /conflicts} (a 404 saying why when no binding is two-way)
     * @param resyncs answers {@code /resync} (see {@link ResyncEndpoint})
     * @param deadLetters answers {@code /deadletters} (see {@link DeadLetterEndpoint}; a 404 saying why when nothing is synced)
     * @param history answers {@code /history} (see {@link HistoryEndpoint}; a 404 saying why when nothing is synced)
     * @param bindings answers {@code /bindings/{name}/pause|resume} (see {@link BindingEndpoint})
     * @param reloads answers {@code /reload/plan} (see {@link ReloadEndpoint})
     * @param token the bearer token state-changing requests must send ({@code http.token}); null for none
     * @throws IOException when the address cannot be bound, naming it
     */
    public HttpEndpoints(String host, int port, Supplier<String> metrics, BooleanSupplier live, Supplier<List<String>> notReady,
            Supplier<Map<String, Object>> status, ConflictQueries conflicts, ResyncQueries resyncs, DeadLetterQueries deadLetters,
            HistoryQueries history, BindingQueries bindings, ReloadQueries reloads, Secret token) throws IOException {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new IOException("cannot serve HTTP on " + host + ":" + port + " (http.address): " + e.getMessage(), e);
        }
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "cutover-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        ControlRequestGuard guard = new ControlRequestGuard(token, json);
        serve("/metrics", guard, ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
        serve("/health/live", guard, ex -> health(ex, live.getAsBoolean()));
        serve("/health/ready", guard, ex -> readiness(ex, notReady.get()));
        serve("/status", guard, ex -> respond(ex, 200, "application/json", json.writeValueAsString(status.get())));
        serve("/conflicts", guard, new ConflictEndpoint(conflicts, json));
        serve("/resync", guard, new ResyncEndpoint(resyncs, json));
        serve("/deadletters", guard, new DeadLetterEndpoint(deadLetters, json));
        serve("/history", guard, new HistoryEndpoint(history, json));
        serve(BindingEndpoint.PREFIX, guard, new BindingEndpoint(bindings, json));
        serve(ReloadEndpoint.PATH, guard, new ReloadEndpoint(reloads, json));
        server.start();
    }

    /** Serves {@code path} with {@code handler}, behind {@code guard} like every path. */
    private void serve(String path, ControlRequestGuard guard, HttpHandler handler) {
        server.createContext(path, handler).getFilters().add(guard);
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void health(HttpExchange ex, boolean up) throws IOException {
        respond(ex, up ? 200 : 503, "application/json", up ? "{\"status\":\"UP\"}\n" : "{\"status\":\"DOWN\"}\n");
    }

    /** 200 UP when ready; else 503 DOWN with the reasons, e.g. the bindings paused for schema drift. */
    private void readiness(HttpExchange ex, List<String> reasons) throws IOException {
        if (reasons.isEmpty()) {
            health(ex, true);
            return;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", "DOWN");
        doc.put("reasons", reasons);
        respond(ex, 503, "application/json", json.writeValueAsString(doc));
    }

    private static void respond(HttpExchange ex, int code, String type, String body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
