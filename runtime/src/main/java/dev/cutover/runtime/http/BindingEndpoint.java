package dev.cutover.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/**
 * {@code POST /bindings/{name}/pause} and {@code POST /bindings/{name}/resume}. Errors as
 * {@link JsonEndpoint} says: 400 for no such binding or one that syncs nothing, 404 for no such
 * action, 409 when it cannot resume now.
 */
final class BindingEndpoint extends JsonEndpoint {

    static final String PREFIX = "/bindings/";

    private final BindingQueries bindings;

    BindingEndpoint(BindingQueries bindings, ObjectMapper json) {
        super(json);
        this.bindings = bindings;
    }

    @Override
    Object answer(HttpExchange ex) throws Exception {
        String path = ex.getRequestURI().getPath();
        String rest = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        int slash = rest.lastIndexOf('/');
        if (slash <= 0) {
            throw new java.util.NoSuchElementException("no such path " + path + ": use /bindings/<name>/pause or /bindings/<name>/resume");
        }
        String binding = rest.substring(0, slash);
        String action = rest.substring(slash + 1);
        requireMethod(ex, "POST");
        body(ex); // a control request carries a JSON body (possibly {}), which the guard checked
        return switch (action) {
            case "pause" -> bindings.pause(binding);
            case "resume" -> bindings.resume(binding);
            default -> throw new java.util.NoSuchElementException("no action '" + action + "' on bindings: use pause or resume");
        };
    }
}
