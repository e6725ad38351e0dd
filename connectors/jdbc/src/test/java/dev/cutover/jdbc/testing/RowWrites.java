package dev.cutover.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.jdbc.JdbcConnectionFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes whole rows through a fresh {@link JdbcApplier}, as the type round-trip tests do before reading them back. */
public final class RowWrites {

    private RowWrites() {
    }

    /** Applies a create of each row in one batch and asserts that none was refused. */
    public static void createAll(JdbcConnectionFactory connections, TableSchema schema, RowImage... rows) throws Exception {
        Changes changes = new Changes(schema.table(), schema.keyColumns().toArray(String[]::new));
        List<ChangeEvent> batch = new ArrayList<>();
        for (RowImage row : rows) {
            batch.add(changes.create(flatten(row)));
        }
        try (JdbcApplier applier = new JdbcApplier(connections, Map.of(schema.table(), schema))) {
            assertThat(applier.apply(batch).rejected()).isEmpty();
        }
    }

    private static Object[] flatten(RowImage row) {
        List<Object> pairs = new ArrayList<>();
        row.asMap().forEach((k, v) -> {
            pairs.add(k);
            pairs.add(v);
        });
        return pairs.toArray();
    }
}
