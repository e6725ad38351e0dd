package dev.cutover.runtime.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/** Removes the meters of a component a reload stops, so the one it starts instead registers its own. */
public final class Meters {

    private Meters() {
    }

    /** Removes every meter called {@code name} whose tag {@code key} is {@code value}. */
    public static void remove(MeterRegistry registry, String name, String key, String value) {
        registry.find(name).tag(key, value).meters().forEach(registry::remove);
    }
}
