package dev.cutover.runtime.http;

import java.util.List;
import java.util.Map;

/**
 * What the {@code /history} endpoint asks of the running bridge. Documents are maps, lists and
 * strings only, ready to be written as JSON.
 */
public interface HistoryQueries {

    /**
     * The lifecycle history, oldest first: each entry with time, binding (null for the bridge as a
     * whole), event, outcome, message and details.
     *
     * @param binding only this binding's entries; null for all
     * @throws Exception when the history cannot be read, naming where it is kept
     */
    List<Map<String, Object>> list(String binding) throws Exception;
}
