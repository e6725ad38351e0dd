package dev.cutover.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
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
        String rest = pathAfter(ex, PREFIX);
        if (rest.isEmpty()) {
            requireMethod(ex, "GET");
            Map<String, String> query = query(ex);
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
}
