package dev.cutover.jdbc;

import dev.cutover.core.event.TableId;
import java.util.Objects;

/** A column's native type has no portable {@link dev.cutover.core.schema.ColumnType}. */
public final class UnsupportedColumnTypeException extends JdbcSchemaException {

    private final TableId table;
    private final String column;
    private final String nativeType;

    /**
     * @param table the table
     * @param column the column
     * @param nativeType the database's name for the column's type
     * @param supported a short description of the supported native types, for the message
     */
    public UnsupportedColumnTypeException(TableId table, String column, String nativeType, String supported) {
        super("column '" + column + "' of table " + table + " has type '" + nativeType
                + "', which Cutover cannot carry (supported: " + supported + ")");
        this.table = Objects.requireNonNull(table, "table");
        this.column = Objects.requireNonNull(column, "column");
        this.nativeType = Objects.requireNonNull(nativeType, "nativeType");
    }

    public TableId table() {
        return table;
    }

    public String column() {
        return column;
    }

    public String nativeType() {
        return nativeType;
    }
}
