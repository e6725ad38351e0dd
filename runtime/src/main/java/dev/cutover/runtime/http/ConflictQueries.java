package dev.cutover.runtime.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@code /conflicts} endpoints ask of the running bridge. Documents are maps, lists,
 * strings, numbers and booleans only, ready to be written as JSON.
 */
public interface ConflictQueries {

    /**
     * Conflicts, newest first.
     *
     * @param openOnly only those waiting for a person
     * @param binding only this binding's; null for all
     */
    List<Map<String, Object>> list(boolean openOnly, String binding);

    /** One conflict with both images, the target's row, the decision and any changes held behind it. */
    Optional<Map<String, Object>> show(String id);

    /**
     * Resolves a parked conflict at the system whose applier parked it (the arbiter); the other
     * system follows.
     *
     * @param use {@code legacy} or {@code new}: that system's version wins; null when {@code row} is given
     * @param row the row both systems get, as the new system names its columns; null when {@code use} is given
     * @return what was done: id, system, decision, changes applied, conflicts met again
     * @throws java.util.NoSuchElementException when there is no conflict with that id
     * @throws IllegalStateException when it is not waiting for a person
     * @throws IllegalArgumentException when the choice or the row is not valid, saying why
     */
    Map<String, Object> resolve(String id, String use, Map<String, Object> row) throws Exception;
}
