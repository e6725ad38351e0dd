package dev.cutover.core.event;

import java.util.Objects;

/**
 * Where a change stands in its source database's log, in the database's own terms.
 *
 * @param kind what {@code value} is: {@code lsn} (PostgreSQL), {@code binlog} (file:position),
 *     {@code gtid}, or {@code snapshot}
 * @param value the position as the database prints it, e.g. {@code 0/16B3748}
 */
public record SourcePosition(String kind, String value) {

    /** The position of a change that did not come from a log (a batch copy or a test). */
    public static final SourcePosition NONE = new SourcePosition("none", "");

    public SourcePosition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return kind + ":" + value;
    }
}
