package dev.cutover.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * {@code POST /reload/plan} and {@code POST /reload}, each with {@code {"path": "...", "config":
 * "<YAML>"}} ({@code "force": true} and {@code "purge": true} allowed on a reload), and {@code GET /reload}: what a reload
 * would do, starting one, and its progress (see {@link ReloadQueries}). Errors as
 * {@link JsonEndpoint} says: 400 for a body without both fields, a configuration with problems or a
 * reload that would be refused, 404 when no reload ran, 409 while another runs.
 */
final class ReloadEndpoint extends JsonEndpoint {

    static final String PATH = "/reload";

    private final ReloadQueries reloads;

    ReloadEndpoint(ReloadQueries reloads, ObjectMapper json) {
        super(json);
        this.reloads = reloads;
    }

    @Override
    Object answer(HttpExchange ex) throws Exception {
        String rest = pathAfter(ex, PATH);
        if (!rest.isEmpty() && !rest.equals("plan")) {
            throw new NoSuchElementException("no resource " + PATH + "/" + rest + ": use " + PATH + " or " + PATH + "/plan");
        }
        if (rest.isEmpty() && !"POST".equals(ex.getRequestMethod())) {
            requireMethod(ex, "GET");
            return reloads.progress();
        }
        requireMethod(ex, "POST");
        Map<String, Object> body = body(ex);
        if (!(body.get("config") instanceof String yaml) || !(body.get("path") instanceof String path) || path.isBlank()) {
            throw new IllegalArgumentException("the request needs \"config\": the configuration's YAML text, and \"path\": its file");
        }
        return rest.equals("plan") ? reloads.plan(yaml, path) : reloads.start(yaml, path, Boolean.TRUE.equals(body.get("force")),
                Boolean.TRUE.equals(body.get("purge")));
    }
}
