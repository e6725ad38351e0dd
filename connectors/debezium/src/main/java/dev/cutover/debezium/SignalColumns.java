package dev.cutover.debezium;

import java.util.List;

/**
 * The columns Debezium writes into a capture's signal table: it inserts its watermarks
 * positionally ({@code INSERT ... VALUES (?, ?, ?)}), so an existing table must start with
 * {@code id, type, data} in this order. The one rule a capture's start and {@code cutover check}
 * both apply. Stateless.
 */
public final class SignalColumns {

    /** The columns Debezium expects first, in order. */
    public static final List<String> EXPECTED = List.of("id", "type", "data");

    private SignalColumns() {
    }

    /** True when a table with {@code columns} (in table order) can serve as a signal table. */
    public static boolean fit(List<String> columns) {
        return columns.size() >= EXPECTED.size() && columns.subList(0, EXPECTED.size()).equals(EXPECTED);
    }
}
