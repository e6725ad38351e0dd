package dev.cutover.runtime.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@code /resync} endpoints ask of the running bridge. Documents are maps, lists,
 * strings and numbers only, ready to be written as JSON: {@code id}, {@code binding},
 * {@code system}, {@code table}, {@code condition}, {@code state}, {@code rowsRead}, {@code chunks},
 * {@code requestedAt}, {@code startedAt}, {@code finishedAt}, {@code message}.
 */
public interface ResyncQueries {

    /**
     * Requests a resync of a binding's source table on the side the binding is captured from (for
     * a two-way binding: the legacy side, the arbiter).
     *
     * @param where a condition on the source table's columns in the grammar of
     *     {@link dev.cutover.core.condition.ConditionParser}; null or blank for the whole table
     * @return the requested resync's document
     * @throws IllegalArgumentException when there is no such binding, it is not streamed, or the
     *     condition is rejected (not in the grammar, or naming a column the table does not have),
     *     saying where and why
     * @throws IllegalStateException when the capture cannot take a resync now (not streaming yet,
     *     or a resync of that table is still running)
     */
    Map<String, Object> request(String binding, String where);

    /** Every resync requested since the bridge started, oldest first. */
    List<Map<String, Object>> list();

    /** One resync. */
    Optional<Map<String, Object>> show(String id);
}
