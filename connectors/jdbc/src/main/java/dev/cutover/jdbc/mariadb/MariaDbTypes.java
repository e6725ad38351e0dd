package dev.cutover.jdbc.mariadb;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.jdbc.NativeColumn;
import dev.cutover.jdbc.UnsupportedColumnTypeException;
import java.sql.Types;
import java.util.Locale;
import java.util.Map;

/**
 * Maps MariaDB/MySQL column types, as {@code information_schema.COLUMNS.COLUMN_TYPE} spells them
 * ({@code tinyint(1)}, {@code bigint(20) unsigned}, {@code enum('a','b')}, {@code json}), to
 * portable {@link ColumnType}s. Unsigned integers take the next wider type; {@code bigint unsigned}
 * becomes a DECIMAL of 20 digits. Stateless.
 */
final class MariaDbTypes {

    /** The type MariaDB's {@code json} alias is reported as by {@link MariaDbCatalog} (a longtext with a {@code json_valid} check). */
    static final String JSON = "json";

    private static final Map<String, ColumnType> SIGNED = Map.ofEntries(
            Map.entry("tinyint", ColumnType.INT16),
            Map.entry("smallint", ColumnType.INT16),
            Map.entry("year", ColumnType.INT16),
            Map.entry("mediumint", ColumnType.INT32),
            Map.entry("int", ColumnType.INT32),
            Map.entry("bigint", ColumnType.INT64),
            Map.entry("float", ColumnType.FLOAT32),
            Map.entry("double", ColumnType.FLOAT64),
            Map.entry("decimal", ColumnType.DECIMAL),
            Map.entry("char", ColumnType.STRING),
            Map.entry("varchar", ColumnType.STRING),
            Map.entry("tinytext", ColumnType.STRING),
            Map.entry("text", ColumnType.STRING),
            Map.entry("mediumtext", ColumnType.STRING),
            Map.entry("longtext", ColumnType.STRING),
            Map.entry("enum", ColumnType.STRING),
            Map.entry("set", ColumnType.STRING),
            Map.entry(JSON, ColumnType.JSON),
            Map.entry("binary", ColumnType.BYTES),
            Map.entry("varbinary", ColumnType.BYTES),
            Map.entry("tinyblob", ColumnType.BYTES),
            Map.entry("blob", ColumnType.BYTES),
            Map.entry("mediumblob", ColumnType.BYTES),
            Map.entry("longblob", ColumnType.BYTES),
            Map.entry("uuid", ColumnType.UUID),
            Map.entry("date", ColumnType.DATE),
            Map.entry("time", ColumnType.TIME),
            Map.entry("datetime", ColumnType.TIMESTAMP),
            Map.entry("timestamp", ColumnType.TIMESTAMPTZ));

    /** Unsigned integers, widened so that every value fits. */
    private static final Map<String, ColumnType> UNSIGNED = Map.of(
            "tinyint", ColumnType.INT16,
            "smallint", ColumnType.INT32,
            "mediumint", ColumnType.INT32,
            "int", ColumnType.INT64,
            "bigint", ColumnType.DECIMAL);

    /** Digits of the largest {@code bigint unsigned}, 18446744073709551615. */
    private static final int UNSIGNED_BIGINT_DIGITS = 20;

    static final String SUPPORTED = "tinyint(1)/boolean, tinyint, smallint, mediumint, int, bigint (also unsigned), year, "
            + "float, double, decimal, char, varchar, tinytext, text, mediumtext, longtext, enum, set, json, binary, varbinary, "
            + "tinyblob, blob, mediumblob, longblob, uuid, date, time, datetime, timestamp";

    private MariaDbTypes() {
    }

    static ColumnDef columnDef(TableId table, NativeColumn column) throws UnsupportedColumnTypeException {
        String nativeType = column.typeName().toLowerCase(Locale.ROOT);
        String base = baseType(nativeType);
        boolean unsigned = nativeType.contains(" unsigned");
        ColumnType type = isBoolean(nativeType) ? ColumnType.BOOLEAN : (unsigned ? UNSIGNED : SIGNED).getOrDefault(base, null);
        if (type == null && unsigned) {
            type = SIGNED.get(base); // float, double and decimal unsigned: same values, the server refuses negatives
        }
        if (type == null) {
            throw new UnsupportedColumnTypeException(table, column.name(), column.typeName(), SUPPORTED);
        }
        if (type == ColumnType.DECIMAL && "bigint".equals(base)) {
            return new ColumnDef(column.name(), type, nativeType, column.nullable(), UNSIGNED_BIGINT_DIGITS, 0);
        }
        return new ColumnDef(column.name(), type, nativeType, column.nullable(), precision(type, base, column), scale(type, column));
    }

    /** {@code tinyint(1)}, which is what {@code boolean} declares; {@code tinyint(1) unsigned} stays a number. */
    private static boolean isBoolean(String nativeType) {
        return nativeType.equals("tinyint(1)") || nativeType.equals("boolean") || nativeType.equals("bool");
    }

    /** The type name without width, values or attributes: {@code bigint(20) unsigned} gives {@code bigint}. */
    static String baseType(String nativeType) {
        int end = nativeType.length();
        for (int i = 0; i < nativeType.length(); i++) {
            char ch = nativeType.charAt(i);
            if (ch == '(' || ch == ' ') {
                end = i;
                break;
            }
        }
        return nativeType.substring(0, end);
    }

    /** Length of char and varchar (the text and blob types count as unbounded), digits of a decimal. */
    private static int precision(ColumnType type, String base, NativeColumn column) {
        boolean sized = type == ColumnType.DECIMAL || base.equals("char") || base.equals("varchar");
        return sized && column.size() > 0 ? column.size() : 0;
    }

    private static int scale(ColumnType type, NativeColumn column) {
        return type == ColumnType.DECIMAL && column.decimalDigits() != null ? column.decimalDigits() : 0;
    }

    /** The {@link Types} constant for a base type, for {@link NativeColumn#jdbcType()}. */
    static int jdbcType(String base) {
        return switch (base) {
            case "tinyint" -> Types.TINYINT;
            case "smallint", "year" -> Types.SMALLINT;
            case "mediumint", "int" -> Types.INTEGER;
            case "bigint" -> Types.BIGINT;
            case "float" -> Types.REAL;
            case "double" -> Types.DOUBLE;
            case "decimal" -> Types.DECIMAL;
            case "char" -> Types.CHAR;
            case "varchar", "enum", "set", "uuid" -> Types.VARCHAR;
            case "tinytext", "text", "mediumtext", "longtext", JSON -> Types.LONGVARCHAR;
            case "binary" -> Types.BINARY;
            case "varbinary" -> Types.VARBINARY;
            case "tinyblob", "blob", "mediumblob", "longblob" -> Types.LONGVARBINARY;
            case "date" -> Types.DATE;
            case "time" -> Types.TIME;
            case "datetime", "timestamp" -> Types.TIMESTAMP;
            case "bit" -> Types.BIT;
            default -> Types.OTHER;
        };
    }
}
