package dev.cutover.runtime.http;

import java.util.Map;

/** What the {@code /reload} endpoints ask of the running bridge. */
public interface ReloadQueries {

    /**
     * What reloading to the configuration {@code yaml} would do, binding by binding, changing nothing.
     *
     * @param path where the text comes from: named in messages, anchoring relative paths
     * @return the plan: {@code summary}, {@code restarts}, {@code bindings}, {@code problems} (what the
     *     real tables say), {@code applicable} and {@code lines} (the plan as people read it)
     * @throws IllegalArgumentException when the text is not a valid configuration, with every problem and its path
     */
    Map<String, Object> plan(String yaml, String path);
}
