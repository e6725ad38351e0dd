package dev.cutover.service.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * {@code POST /resync} with {@code {"binding": "...", "where": "..."}} (where optional),
 * {@code GET /resync} and {@code GET /resync/{id}}. Errors come back as {@code {"error": "..."}}
 * with 400 (bad request: unknown or unstreamed binding, rejected condition), 404 (no such
 * resync), 405 (wrong method) or 409 (the capture cannot take it now).
 */
final class ResyncEndpoint implements HttpHandler {

    private static final String PREFIX = "/resync";
    private static final int MAX_BODY = 64 * 1024;

    private final ResyncQueries resyncs;
    private final ObjectMapper json;

    ResyncEndpoint(ResyncQueries resyncs, ObjectMapper json) {
        this.resyncs = resyncs;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String id = path.length() > PREFIX.length() + 1 ? path.substring(PREFIX.length() + 1) : "";
            String method = ex.getRequestMethod();
            try {
                if (!id.isEmpty()) {
                    requireGet(method, path);
                    send(ex, 200, resyncs.show(id).orElseThrow(() -> new NoSuchElementException("no resync with id '" + id + "'")));
                } else if ("POST".equals(method)) {
                    Map<String, Object> body = body(ex);
                    Object binding = body.get("binding");
                    Object where = body.get("where");
                    if (!(binding instanceof String b) || b.isBlank()) {
                        throw new IllegalArgumentException("the request needs \"binding\": the name of a streamed binding");
                    }
                    if (where != null && !(where instanceof String)) {
                        throw new IllegalArgumentException("\"where\" must be a string: an SQL condition on the source table");
                    }
                    send(ex, 200, resyncs.request(b, (String) where));
                } else {
                    requireGet(method, path);
                    send(ex, 200, resyncs.list());
                }
            } catch (MethodNotAllowed e) {
                send(ex, 405, error(e.getMessage()));
            } catch (NoSuchElementException e) {
                send(ex, 404, error(e.getMessage()));
            } catch (IllegalStateException e) {
                send(ex, 409, error(e.getMessage()));
            } catch (IllegalArgumentException e) {
                send(ex, 400, error(e.getMessage()));
            } catch (Exception e) {
                send(ex, 500, error(e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
    }

    private static void requireGet(String method, String path) {
        if (!"GET".equals(method)) {
            throw new MethodNotAllowed(path + " takes GET, not " + method);
        }
    }

    private Map<String, Object> body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new IllegalArgumentException("request body is larger than " + MAX_BODY + " bytes");
            }
            try {
                Map<String, Object> body = json.readValue(bytes, new TypeReference<Map<String, Object>>() { });
                return body == null ? Map.of() : body;
            } catch (IOException e) {
                throw new IllegalArgumentException("request body is not a JSON object: " + e.getMessage());
            }
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
}
