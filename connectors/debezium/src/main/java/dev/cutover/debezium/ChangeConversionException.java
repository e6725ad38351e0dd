package dev.cutover.debezium;

import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.TableId;

/**
 * A captured change could not be turned into a canonical
 * {@link dev.cutover.core.event.ChangeEvent}: a column has a type Cutover does not convert (and
 * will not silently turn into text), or a value is out of the canonical type's range.
 *
 * <p>The message names the table, the column, Debezium's schema name for the column's type and
 * the source position; it never contains column values.
 */
public class ChangeConversionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient TableId table;
    private final String column;
    private final String schemaName;
    private final transient SourcePosition position;

    /**
     * @param table the table the change belongs to; may be null when the record names none
     * @param column the column that failed; null when the failure is not about one column
     * @param schemaName Debezium's schema name (or Connect type) of the column; null when not known
     * @param position where the change stands in the source log; null when not known
     * @param reason what is wrong, without values
     * @param cause the underlying failure; may be null
     */
    public ChangeConversionException(TableId table, String column, String schemaName, SourcePosition position,
            String reason, Throwable cause) {
        super(message(table, column, schemaName, position, reason), cause);
        this.table = table;
        this.column = column;
        this.schemaName = schemaName;
        this.position = position;
    }

    private static String message(TableId table, String column, String schemaName, SourcePosition position, String reason) {
        StringBuilder sb = new StringBuilder("cannot convert change");
        if (table != null) {
            sb.append(" of ").append(table);
        }
        if (column != null) {
            sb.append(", column '").append(column).append('\'');
        }
        if (schemaName != null) {
            sb.append(" (type ").append(schemaName).append(')');
        }
        if (position != null) {
            sb.append(" at ").append(position);
        }
        return sb.append(": ").append(reason).toString();
    }

    /** The table, or null when the record named none. */
    public TableId table() {
        return table;
    }

    /** The column that could not be converted, or null. */
    public String column() {
        return column;
    }

    /** Debezium's schema name (or Connect type) of the column, or null. */
    public String schemaName() {
        return schemaName;
    }

    /** The change's position in the source log, or null. */
    public SourcePosition position() {
        return position;
    }
}
