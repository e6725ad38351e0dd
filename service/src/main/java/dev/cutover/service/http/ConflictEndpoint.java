package dev.cutover.service.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * {@code GET /conflicts[?open=true][&binding=B]}, {@code GET /conflicts/{id}} and
 * {@code POST /conflicts/{id}/resolve} with {@code {"use":"legacy"|"new"}} or {@code {"row":{...}}}.
 * Errors as {@link JsonEndpoint} says: 400 for a bad choice or row, 404 for no such conflict, 409
 * when it is not waiting for a person.
 */
final class ConflictEndpoint extends JsonEndpoint {

    private static final String PREFIX = "/conflicts";
    private static final String RESOLVE = "/resolve";

    private final ConflictQueries conflicts;

    ConflictEndpoint(ConflictQueries conflicts, ObjectMapper json) {
        super(json);
        this.conflicts = conflicts;
    }

    @Override
    Object answer(HttpExchange ex) throws Exception {
        String path = ex.getRequestURI().getPath();
        String rest = path.length() > PREFIX.length() ? path.substring(PREFIX.length() + 1) : "";
        if (rest.isEmpty()) {
            requireMethod(ex, "GET");
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            return conflicts.list("true".equals(query.get("open")), query.get("binding"));
        }
        if (rest.endsWith(RESOLVE)) {
            requireMethod(ex, "POST");
            Map<String, Object> body = body(ex);
            Object row = body.get("row");
            if (row != null && !(row instanceof Map)) {
                throw new IllegalArgumentException("\"row\" must be a JSON object of column -> value");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> rowMap = (Map<String, Object>) row;
            return conflicts.resolve(rest.substring(0, rest.length() - RESOLVE.length()), (String) body.get("use"), rowMap);
        }
        requireMethod(ex, "GET");
        return conflicts.show(rest).orElseThrow(() -> new NoSuchElementException("no conflict with id '" + rest + "'"));
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
}
