package dev.cutover.jdbc.load;

import dev.cutover.core.event.RowImage;
import java.util.Map;

/**
 * How a bulk copy's source rows become the target's.
 *
 * @param mapper maps a source row; given only the columns not taken as is when the rows are read as COPY text
 * @param takenAsIs target columns whose values are their source column's values unchanged, with that source column
 * @param declarative true when {@code mapper} maps the same values to the same values whatever else the row holds
 *     (no custom mapper): the mapped text of values seen before is reused
 */
public record RowMapping(Mapper mapper, Map<String, String> takenAsIs, boolean declarative) {

    /** Maps one source row into the target's terms. */
    @FunctionalInterface
    public interface Mapper {
        RowImage map(RowImage source) throws Exception;
    }

    public RowMapping {
        takenAsIs = Map.copyOf(takenAsIs);
    }

    /** Every column mapped by {@code mapper}, row by row. */
    public static RowMapping of(Mapper mapper) {
        return new RowMapping(mapper, Map.of(), false);
    }
}
