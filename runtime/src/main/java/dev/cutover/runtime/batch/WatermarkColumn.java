package dev.cutover.runtime.batch;

import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import java.util.Optional;
import java.util.stream.Collectors;

/** Whether a column can serve as an incremental copy's watermark. Stateless. */
public final class WatermarkColumn {

    private WatermarkColumn() {
    }

    /**
     * Why {@code column} of {@code source} cannot be a watermark, or null when it can: it must
     * exist and be of a type Java and the database order alike (integers, decimals, dates, timestamps).
     */
    public static String problem(TableSchema source, String column) {
        Optional<ColumnDef> def = source.column(column);
        String allowed = Watermark.ORDERED_TYPES.stream().map(t -> t.name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
        if (def.isEmpty()) {
            return "watermark column '" + column + "' is not a column of " + source.table() + " (columns: "
                    + String.join(", ", source.columnNames()) + ")";
        }
        if (!Watermark.ORDERED_TYPES.contains(def.get().type())) {
            return "watermark column '" + column + "' of " + source.table() + " is " + def.get().nativeType()
                    + "; a watermark must be of type " + allowed;
        }
        return null;
    }
}
