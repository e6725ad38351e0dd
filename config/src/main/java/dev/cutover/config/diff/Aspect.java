package dev.cutover.config.diff;

/** The part of a binding's configuration that a {@link SettingChange} concerns. */
public enum Aspect {
    /** Which way changes flow; a change of it is a guarded {@link Switch}. */
    DIRECTION("direction"),
    /** The legacy or the new table. */
    TABLES("tables"),
    /** Key, column rules, defaults or custom mapper. */
    MAPPING("mapping"),
    /** A two-way binding's conflict settings. */
    CONFLICT("conflict"),
    /** Stream or batch. */
    MODE("mode"),
    /** A batch binding's schedule, watermark or page size. */
    BATCH("batch"),
    /** A none binding's strategy. */
    STRATEGY("strategy");

    private final String label;

    Aspect(String label) {
        this.label = label;
    }

    /** The name shown in plans. */
    public String label() {
        return label;
    }
}
