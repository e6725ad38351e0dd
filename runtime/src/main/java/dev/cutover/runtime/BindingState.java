package dev.cutover.runtime;

import java.util.Locale;

/**
 * Where one binding (one direction of a two-way binding) is in its life, as {@code /status},
 * {@code cutover status} and the {@code cutover_binding_state} metric show it.
 */
public enum BindingState {
    /** Its source table's existing rows are being copied (the initial load or a resync). */
    LOADING,
    /** Changes flow (for a batch binding: its copies run on schedule). */
    STREAMING,
    /** Changes would flow, but its capture or applier keeps retrying a database or Kafka that is down. */
    DEGRADED,
    /** Held on purpose: an operator paused it, or its table drifted from the mapping; its changes wait. */
    PAUSED,
    /** Its direction is being switched; its changes wait until the switch ends. */
    SWITCHING,
    /** The target refused its changes for a reason no retry cures; they wait until it is resumed. */
    FAILED,
    /** Nothing runs for it: the bridge stopped or is stopping. */
    STOPPED,
    /** Direction {@code none}: nothing is synced, by design. */
    NOT_SYNCED;

    /** The metric's tag value, e.g. {@code not_synced}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
