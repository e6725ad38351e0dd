package dev.cutover.core.binding;

import dev.cutover.core.event.SystemSide;
import java.util.List;

/** Which way a table binding's changes flow. */
public enum Direction {
    /** Legacy changes are copied into the new system (feeds read-only features of the new system). */
    LEGACY_TO_NEW("legacy-to-new"),
    /** New-system changes are copied into the legacy system (keeps the old system as a fallback). */
    NEW_TO_LEGACY("new-to-legacy"),
    /** Both systems take writes and are kept in sync, with conflicts resolved. */
    TWO_WAY("two-way"),
    /** Nothing is synced: separate data, or maintained by hand on both sides. */
    NONE("none");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    /** The name used in configuration files and metric tags. */
    public String label() {
        return label;
    }

    /** The systems a binding of this direction writes: the target of each way it syncs. */
    public List<SystemSide> targets() {
        return switch (this) {
            case LEGACY_TO_NEW -> List.of(SystemSide.NEW);
            case NEW_TO_LEGACY -> List.of(SystemSide.LEGACY);
            case TWO_WAY -> List.of(SystemSide.NEW, SystemSide.LEGACY);
            case NONE -> List.of();
        };
    }
}
