package dev.cutover.runtime.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@code /deadletters} endpoints ask of the running bridge. Documents are maps, lists,
 * strings, numbers and booleans only, ready to be written as JSON.
 */
public interface DeadLetterQueries {

    /**
     * Dead letters, oldest first.
     *
     * @param openOnly only those that still need a person: open, or with changes still held behind them
     * @param binding only this binding's; null for all
     */
    List<Map<String, Object>> list(boolean openOnly, String binding);

    /** One dead letter with its change, its status and the changes held behind it. */
    Optional<Map<String, Object>> show(String id);

    /**
     * Applies the dead letter's change again (a change that failed to map goes through the current
     * mapping first), then the changes held behind it, in order; one refused again becomes the open
     * dead letter, with the rest still held behind it. A dead letter closed by a replay or discard
     * that a crash cut short is resumed: the changes still held behind it are applied.
     *
     * @return what was done: id, outcome, changes applied, the dead letter now open if any, and why
     * @throws java.util.NoSuchElementException when there is no dead letter with that id
     * @throws IllegalStateException when it is closed and nothing waits behind it, or it cannot be replayed
     */
    Map<String, Object> replay(String id) throws Exception;

    /** {@link #replay} of every active dead letter of {@code binding}, oldest first. */
    Map<String, Object> replayBinding(String binding) throws Exception;

    /**
     * Closes the dead letter without applying its change (it stays recorded), then applies the
     * changes held behind it in order, as {@link #replay} does.
     */
    Map<String, Object> discard(String id) throws Exception;
}
