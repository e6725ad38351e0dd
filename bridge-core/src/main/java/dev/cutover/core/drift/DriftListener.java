package dev.cutover.core.drift;

/**
 * Told when a binding stops for schema drift, so status, health and the log can name it. Called
 * from the capture's or the applier's thread; implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface DriftListener {

    /**
     * The binding's changes wait from now on until the configuration or the table is fixed and the
     * bridge restarted.
     *
     * @param report what drifted, with a {@linkplain DriftReport#blocking() blocking} difference at least
     */
    void onPaused(DriftReport report);

    /**
     * A table changed in a way changes keep flowing through; told once per distinct report.
     *
     * @param report the differences, none of them blocking
     */
    default void onCompatibleDrift(DriftReport report) {
    }

    /** A listener that ignores everything. */
    static DriftListener none() {
        return report -> { };
    }
}
