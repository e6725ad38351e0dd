package dev.cutover.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * {@code POST /resync} with {@code {"binding": "...", "where": "..."}} (where optional),
 * {@code GET /resync} and {@code GET /resync/{id}}. Errors as {@link JsonEndpoint} says: 400 for an
 * unknown or unstreamed binding or a condition outside the restricted grammar (named by position and
 * token) or naming a column the source table does not have, 404 for no such resync, 409 when the
 * capture cannot take it now.
 */
final class ResyncEndpoint extends JsonEndpoint {

    private static final String PREFIX = "/resync";

    private final ResyncQueries resyncs;

    ResyncEndpoint(ResyncQueries resyncs, ObjectMapper json) {
        super(json);
        this.resyncs = resyncs;
    }

    @Override
    Object answer(HttpExchange ex) throws Exception {
        String path = ex.getRequestURI().getPath();
        String id = path.length() > PREFIX.length() + 1 ? path.substring(PREFIX.length() + 1) : "";
        if (!id.isEmpty()) {
            requireMethod(ex, "GET");
            return resyncs.show(id).orElseThrow(() -> new NoSuchElementException("no resync with id '" + id + "'"));
        }
        if (!"POST".equals(ex.getRequestMethod())) {
            requireMethod(ex, "GET");
            return resyncs.list();
        }
        Map<String, Object> body = body(ex);
        Object binding = body.get("binding");
        Object where = body.get("where");
        if (!(binding instanceof String b) || b.isBlank()) {
            throw new IllegalArgumentException("the request needs \"binding\": the name of a streamed binding");
        }
        if (where != null && !(where instanceof String)) {
            throw new IllegalArgumentException("\"where\" must be a string: a condition on the source table's columns");
        }
        return resyncs.request(b, (String) where);
    }
}
