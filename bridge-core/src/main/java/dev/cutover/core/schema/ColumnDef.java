package dev.cutover.core.schema;

import java.util.Objects;

/**
 * One column of a table as the database declares it.
 *
 * @param name the column name as the database spells it
 * @param type the portable type
 * @param nativeType the database's own type name (e.g. {@code timestamptz}, {@code tinyint(1)}), for messages
 * @param nullable whether the column accepts NULL
 * @param precision digits of a DECIMAL, or length of a STRING; 0 when unknown or unbounded
 * @param scale digits after the point of a DECIMAL; 0 otherwise
 */
public record ColumnDef(String name, ColumnType type, String nativeType, boolean nullable, int precision, int scale) {

    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(nativeType, "nativeType");
    }

    /** A column with no precision or scale. */
    public static ColumnDef of(String name, ColumnType type, String nativeType, boolean nullable) {
        return new ColumnDef(name, type, nativeType, nullable, 0, 0);
    }
}
