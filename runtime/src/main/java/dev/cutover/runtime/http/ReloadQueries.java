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

    /**
     * Starts reloading to the configuration {@code yaml}: switches of direction first run their
     * steps (drain, verify, keys) while the bridge runs, then the bridge's pipeline restarts on the
     * new configuration. Returns at once; {@link #progress} follows it.
     *
     * @param force switch even when verify finds the tables differ
     * @param purge delete the change topics and state of the bindings the reload removes
     * @return the reload's progress document
     * @throws IllegalArgumentException when the text is not a valid configuration or the reload would be refused, saying why
     * @throws IllegalStateException when another reload is still running
     */
    Map<String, Object> start(String yaml, String path, boolean force, boolean purge);

    /**
     * The progress of the latest reload: {@code id}, {@code state} ({@code running}, {@code done},
     * {@code failed}), {@code summary}, {@code steps} (each {@code binding}, {@code step},
     * {@code outcome}, {@code message}, {@code millis}) and, when it failed, {@code error}.
     *
     * @throws java.util.NoSuchElementException when none ran since the bridge started
     */
    Map<String, Object> progress();
}
