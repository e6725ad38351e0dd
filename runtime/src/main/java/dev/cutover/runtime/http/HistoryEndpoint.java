package dev.cutover.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.util.NoSuchElementException;

/**
 * {@code GET /history[?binding=B]}: the bridge's lifecycle history, oldest first. A bridge whose
 * bindings are all {@code none} runs no Kafka and so keeps no history: 404 with an error saying so.
 * Errors as {@link JsonEndpoint} says.
 */
final class HistoryEndpoint extends JsonEndpoint {

    private static final String PREFIX = "/history";

    private final HistoryQueries history;

    HistoryEndpoint(HistoryQueries history, ObjectMapper json) {
        super(json);
        this.history = history;
    }

    @Override
    Object answer(HttpExchange ex) throws Exception {
        String rest = pathAfter(ex, PREFIX);
        if (!rest.isEmpty()) {
            throw new NoSuchElementException("no resource /history/" + rest + "; GET /history[?binding=B] lists the history");
        }
        requireMethod(ex, "GET");
        return history.list(query(ex).get("binding"));
    }
}
