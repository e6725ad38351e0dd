package dev.cutover.runtime;

/** Lifecycle of a {@link BridgeService}; moves only forward. */
public enum ServiceState {
    NEW,
    STARTING,
    RUNNING,
    STOPPING,
    STOPPED,
    FAILED
}
