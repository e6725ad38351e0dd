package dev.cutover.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * {@code POST /reload/plan} with {@code {"path": "...", "config": "<YAML>"}}: what a reload to that
 * configuration would do (see {@link ReloadQueries}). Errors as {@link JsonEndpoint} says: 400 for
 * a body without both fields or a configuration with problems.
 */
final class ReloadEndpoint extends JsonEndpoint {

    static final String PATH = "/reload/plan";

    private final ReloadQueries reloads;

    ReloadEndpoint(ReloadQueries reloads, ObjectMapper json) {
        super(json);
        this.reloads = reloads;
    }

    @Override
    Object answer(HttpExchange ex) throws Exception {
        if (!PATH.equals(ex.getRequestURI().getPath())) {
            throw new NoSuchElementException("no such path " + ex.getRequestURI().getPath() + ": use " + PATH);
        }
        requireMethod(ex, "POST");
        Map<String, Object> body = body(ex);
        if (!(body.get("config") instanceof String yaml) || !(body.get("path") instanceof String path) || path.isBlank()) {
            throw new IllegalArgumentException("the request needs \"config\": the configuration's YAML text, and \"path\": its file");
        }
        return reloads.plan(yaml, path);
    }
}
