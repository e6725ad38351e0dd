package dev.cutover.jdbc.testing;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds change events of one table for tests, each at the next source position. Not thread-safe.
 */
public final class Changes {

    private static final Instant COMMIT = Instant.parse("2024-05-01T10:00:00Z");

    private final TableId table;
    private final List<String> key;
    private long position;

    public Changes(TableId table, String... keyColumns) {
        this.table = table;
        this.key = List.of(keyColumns);
    }

    public ChangeEvent create(Object... columnsAndValues) {
        return ChangeEvent.create(SystemSide.LEGACY, table, key, row(columnsAndValues), COMMIT, next(), "tx");
    }

    public ChangeEvent read(Object... columnsAndValues) {
        return ChangeEvent.read(SystemSide.LEGACY, table, key, row(columnsAndValues), COMMIT, next());
    }

    public ChangeEvent update(Object... columnsAndValues) {
        return ChangeEvent.update(SystemSide.LEGACY, table, key, null, row(columnsAndValues), COMMIT, next(), "tx");
    }

    public ChangeEvent update(RowImage before, RowImage after) {
        return ChangeEvent.update(SystemSide.LEGACY, table, key, before, after, COMMIT, next(), "tx");
    }

    public ChangeEvent delete(Object... columnsAndValues) {
        return ChangeEvent.delete(SystemSide.LEGACY, table, key, row(columnsAndValues), COMMIT, next(), "tx");
    }

    /** A row from alternating column names and values: {@code row("id", 1L, "name", "a")}. */
    public static RowImage row(Object... columnsAndValues) {
        if (columnsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected column/value pairs");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            values.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return RowImage.of(values);
    }

    private SourcePosition next() {
        return new SourcePosition("lsn", "0/" + Long.toHexString(++position));
    }
}
