package dev.cutover.service.http;

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
import java.util.Optional;

/**
 * {@code GET /conflicts[?open=true][&binding=B]}, {@code GET /conflicts/{id}} and
 * {@code POST /conflicts/{id}/resolve} with {@code {"use":"legacy"|"new"}} or {@code {"row":{...}}}.
 * Errors come back as {@code {"error": "..."}} with 400 (bad request), 404 (no such conflict),
 * 405 (wrong method) or 409 (not waiting for a person).
 */
final class ConflictEndpoint implements HttpHandler {

    private static final String PREFIX = "/conflicts";
    private static final int MAX_BODY = 1 << 20;

    private final ConflictQueries conflicts;
    private final ObjectMapper json;

    ConflictEndpoint(ConflictQueries conflicts, ObjectMapper json) {
        this.conflicts = conflicts;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String rest = path.length() > PREFIX.length() ? path.substring(PREFIX.length() + 1) : "";
            try {
                if (rest.isEmpty()) {
                    requireMethod(ex, "GET");
                    Map<String, String> query = query(ex.getRequestURI().getRawQuery());
                    send(ex, 200, conflicts.list("true".equals(query.get("open")), query.get("binding")));
                } else if (rest.endsWith("/resolve")) {
                    requireMethod(ex, "POST");
                    Map<String, Object> body = body(ex);
                    Object row = body.get("row");
                    if (row != null && !(row instanceof Map)) {
                        throw new IllegalArgumentException("\"row\" must be a JSON object of column -> value");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> rowMap = (Map<String, Object>) row;
                    send(ex, 200, conflicts.resolve(rest.substring(0, rest.length() - "/resolve".length()),
                            (String) body.get("use"), rowMap));
                } else {
                    requireMethod(ex, "GET");
                    Optional<Map<String, Object>> doc = conflicts.show(rest);
                    if (doc.isEmpty()) {
                        throw new NoSuchElementException("no conflict with id '" + rest + "'");
                    }
                    send(ex, 200, doc.get());
                }
            } catch (MethodNotAllowed e) {
                send(ex, 405, error(e.getMessage()));
            } catch (NoSuchElementException e) {
                send(ex, 404, error(e.getMessage()));
            } catch (IllegalStateException e) {
                send(ex, 409, error(e.getMessage()));
            } catch (IllegalArgumentException | ClassCastException e) {
                send(ex, 400, error(e.getMessage()));
            } catch (Exception e) {
                send(ex, 500, error(e.toString()));
            }
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

    private static void requireMethod(HttpExchange ex, String method) {
        if (!method.equals(ex.getRequestMethod())) {
            throw new MethodNotAllowed(ex.getRequestURI().getPath() + " takes " + method + ", not " + ex.getRequestMethod());
        }
    }

    private static Map<String, String> query(String raw) {
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
