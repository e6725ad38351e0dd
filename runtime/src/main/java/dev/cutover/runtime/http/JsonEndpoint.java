package dev.cutover.runtime.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * An endpoint that answers JSON, and turns the exceptions of its answer into status codes with
 * {@code {"error": "..."}}: 400 (a bad request: {@link IllegalArgumentException}), 404
 * ({@link NoSuchElementException}), 405 (a method the path does not take), 409 (the bridge cannot
 * do it now: {@link IllegalStateException}) or 500.
 */
abstract class JsonEndpoint implements HttpHandler {

    private static final int MAX_BODY = 1 << 20;

    private final ObjectMapper json;

    JsonEndpoint(ObjectMapper json) {
        this.json = json;
    }

    /** The document to answer with 200; throws as the class javadoc says for anything else. */
    abstract Object answer(HttpExchange ex) throws Exception;

    @Override
    public final void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                send(ex, 200, answer(ex));
            } catch (MethodNotAllowed e) {
                send(ex, 405, error(e.getMessage()));
            } catch (NoSuchElementException e) {
                send(ex, 404, error(e.getMessage()));
            } catch (IllegalStateException e) {
                send(ex, 409, error(e.getMessage()));
            } catch (IllegalArgumentException | ClassCastException e) {
                send(ex, 400, error(e.getMessage()));
            } catch (Exception e) {
                send(ex, 500, error(e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
    }

    /** The request body as a JSON object; an empty body is an empty object. */
    final Map<String, Object> body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new IllegalArgumentException("request body is larger than " + MAX_BODY + " bytes");
            }
            if (bytes.length == 0) {
                return Map.of();
            }
            try {
                Map<String, Object> body = json.readValue(bytes, new TypeReference<Map<String, Object>>() { });
                return body == null ? Map.of() : body;
            } catch (IOException e) {
                throw new IllegalArgumentException("request body is not a JSON object: " + e.getMessage());
            }
        }
    }

    /** Refuses the request with 405 unless it uses {@code method}. */
    static void requireMethod(HttpExchange ex, String method) {
        if (!method.equals(ex.getRequestMethod())) {
            throw new MethodNotAllowed(ex.getRequestURI().getPath() + " takes " + method + ", not " + ex.getRequestMethod());
        }
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message == null ? "unknown error" : message);
    }

    private void send(HttpExchange ex, int code, Object doc) throws IOException {
        byte[] bytes = json.writeValueAsBytes(doc);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The request used a method the path does not take. */
    private static final class MethodNotAllowed extends RuntimeException {
        MethodNotAllowed(String message) {
            super(message);
        }
    }

    /** The request path after {@code prefix} and its slash; empty for the prefix itself. */
    static String pathAfter(HttpExchange ex, String prefix) {
        String path = ex.getRequestURI().getPath();
        return path.length() > prefix.length() ? path.substring(prefix.length() + 1) : "";
    }

    /** The request's query parameters, decoded; a parameter without a value is {@code true}. */
    static Map<String, String> query(HttpExchange ex) {
        String raw = ex.getRequestURI().getRawQuery();
        Map<String, String> params = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                params.put(name, eq < 0 ? "true" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
