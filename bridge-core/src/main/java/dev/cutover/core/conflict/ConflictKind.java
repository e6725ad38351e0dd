package dev.cutover.core.conflict;

/** Why an incoming change does not fit the target row it meets. */
public enum ConflictKind {
    /** An insert (or snapshot read) met a row with the same key and other values. */
    INSERT_EXISTS("insert_exists"),
    /** An update met no row with its key. */
    UPDATE_MISSING("update_missing"),
    /** An update met a row that is no longer the change's before image. */
    UPDATE_CHANGED("update_changed"),
    /** A delete met a row that is no longer the change's before image. */
    DELETE_CHANGED("delete_changed");

    private final String label;

    ConflictKind(String label) {
        this.label = label;
    }

    /** The name used in conflict records and metric tags. */
    public String label() {
        return label;
    }

    /** Resolves a label, or returns null when none matches. */
    public static ConflictKind fromLabel(String label) {
        for (ConflictKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        return null;
    }
}
