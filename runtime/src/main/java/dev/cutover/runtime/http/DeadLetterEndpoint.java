package dev.cutover.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * {@code GET /deadletters[?open=true][&binding=B]}, {@code GET /deadletters/{id}},
 * {@code POST /deadletters/{id}/replay}, {@code POST /deadletters/replay} with
 * {@code {"binding":"B"}} and {@code POST /deadletters/{id}/discard}. Errors as {@link JsonEndpoint}
 * says: 400 for a bad body, 404 for no such dead letter, 409 when it is closed or cannot be replayed.
 */
final class DeadLetterEndpoint extends JsonEndpoint {

    private static final String PREFIX = "/deadletters";
    private static final String REPLAY = "replay";
    private static final String DISCARD = "discard";

    private final DeadLetterQueries deadLetters;

    DeadLetterEndpoint(DeadLetterQueries deadLetters, ObjectMapper json) {
        super(json);
        this.deadLetters = deadLetters;
    }

    @Override
    Object answer(HttpExchange ex) throws Exception {
        String rest = pathAfter(ex, PREFIX);
        if (rest.isEmpty()) {
            requireMethod(ex, "GET");
            Map<String, String> query = query(ex);
            return deadLetters.list("true".equals(query.get("open")), query.get("binding"));
        }
        if (rest.equals(REPLAY)) {
            requireMethod(ex, "POST");
            Object binding = body(ex).get("binding");
            if (!(binding instanceof String name) || name.isBlank()) {
                throw new IllegalArgumentException("give the binding whose dead letters to replay: {\"binding\":\"...\"}");
            }
            return deadLetters.replayBinding(name);
        }
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String id = rest.substring(0, slash);
            String action = rest.substring(slash + 1);
            requireMethod(ex, "POST");
            return switch (action) {
                case REPLAY -> deadLetters.replay(id);
                case DISCARD -> deadLetters.discard(id);
                default -> throw new NoSuchElementException("no action '" + action + "' on dead letters (replay, discard)");
            };
        }
        requireMethod(ex, "GET");
        return deadLetters.show(rest).orElseThrow(() -> new NoSuchElementException("no dead letter with id '" + rest + "'"));
    }
}
