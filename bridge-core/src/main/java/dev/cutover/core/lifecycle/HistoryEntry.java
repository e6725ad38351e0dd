package dev.cutover.core.lifecycle;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One step of a bridge's lifecycle, as it is kept in its history.
 *
 * @param time when it happened
 * @param binding the binding it concerns; null for the bridge as a whole (e.g. {@code bridge-start})
 * @param event what happened, a short kebab-case name such as {@code pause} or {@code switch-drain}
 * @param outcome how far the step got
 * @param message what happened, for people
 * @param details further facts by name, in the order given (e.g. a measured duration); copied and unmodifiable
 */
public record HistoryEntry(Instant time, String binding, String event, HistoryOutcome outcome, String message,
        Map<String, String> details) {

    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public HistoryEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(details, "details");
        if (!KEBAB_CASE.matcher(event).matches()) {
            throw new IllegalArgumentException("history event '" + event + "' is not a kebab-case name such as switch-drain");
        }
        if (binding != null && binding.isBlank()) {
            throw new IllegalArgumentException("history entry of event '" + event + "' names a blank binding; use null for the bridge");
        }
        Map<String, String> copy = new LinkedHashMap<>(details);
        if (copy.containsKey(null) || copy.containsValue(null)) {
            throw new IllegalArgumentException("history entry of event '" + event + "' has a null detail name or value: " + copy);
        }
        details = Collections.unmodifiableMap(copy);
    }

    /** An entry of the bridge as a whole, without details. */
    public static HistoryEntry ofBridge(Instant time, String event, HistoryOutcome outcome, String message) {
        return new HistoryEntry(time, null, event, outcome, message, Map.of());
    }

    /** True for an entry of the bridge as a whole rather than of one binding. */
    public boolean bridgeLevel() {
        return binding == null;
    }
}
