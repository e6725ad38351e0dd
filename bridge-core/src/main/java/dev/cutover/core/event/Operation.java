package dev.cutover.core.event;

/** What happened to a row. */
public enum Operation {
    /** A row was inserted. */
    CREATE("c"),
    /** A row was changed; its key may have changed too. */
    UPDATE("u"),
    /** A row was removed. */
    DELETE("d"),
    /** A row was read by a snapshot (initial load or resync), not changed. */
    READ("r");

    private final String code;

    Operation(String code) {
        this.code = code;
    }

    /** The one-letter code Debezium uses for this operation. */
    public String code() {
        return code;
    }

    /** True when the row exists after this change (everything but a delete). */
    public boolean hasAfterImage() {
        return this != DELETE;
    }

    /** Resolves a one-letter Debezium code. */
    public static Operation fromCode(String code) {
        for (Operation op : values()) {
            if (op.code.equals(code)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown operation code '" + code + "' (expected c, u, d or r)");
    }
}
