package dev.cutover.jdbc;

import java.util.Objects;

/**
 * A column as {@link java.sql.DatabaseMetaData#getColumns} describes it, before it is mapped to a
 * portable {@link dev.cutover.core.schema.ColumnDef} by {@link SqlDialect#columnDef}.
 *
 * @param name the column name as the database spells it
 * @param typeName the driver's {@code TYPE_NAME}, e.g. {@code int4}, {@code timestamptz}, or an enum type's name
 * @param jdbcType the driver's {@code DATA_TYPE}, a {@link java.sql.Types} constant
 * @param size the driver's {@code COLUMN_SIZE}: precision of numbers, length of strings; 0 when not reported
 * @param decimalDigits the driver's {@code DECIMAL_DIGITS}; null when not reported
 * @param nullable whether the column accepts NULL ({@code columnNullable}; unknown counts as nullable)
 */
public record NativeColumn(String name, String typeName, int jdbcType, int size, Integer decimalDigits, boolean nullable) {

    public NativeColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeName, "typeName");
    }
}
