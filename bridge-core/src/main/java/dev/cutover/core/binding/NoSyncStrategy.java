package dev.cutover.core.binding;

/** Why a {@link Direction#NONE} binding syncs nothing, which decides whether its two tables should agree. */
public enum NoSyncStrategy {
    /** The two tables hold different data by design; nothing compares them. */
    SEPARATE("separate"),
    /** People maintain both tables by hand; {@code cutover verify} reports where they drifted apart. */
    DUPLICATE_MAINTENANCE("duplicate-maintenance");

    /** The strategy of a {@link Direction#NONE} binding that names none. */
    public static final NoSyncStrategy DEFAULT = SEPARATE;

    private final String label;

    NoSyncStrategy(String label) {
        this.label = label;
    }

    /** The name used in configuration files and status. */
    public String label() {
        return label;
    }
}
