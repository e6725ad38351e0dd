package dev.cutover.jdbc.postgres;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.jdbc.NativeColumn;
import dev.cutover.jdbc.UnsupportedColumnTypeException;
import java.sql.Types;
import java.util.Map;
import java.util.Set;

/**
 * Maps PostgreSQL column types, as pgjdbc's {@code DatabaseMetaData} names them, to portable
 * {@link ColumnType}s. Stateless.
 */
final class PostgresTypes {

    /** The text types bound as plain strings; other STRING columns (enums, citext) are bound untyped. */
    static final Set<String> PLAIN_TEXT_TYPES = Set.of("text", "varchar", "bpchar", "char");

    private static final Map<String, ColumnType> BY_NAME = Map.ofEntries(
            Map.entry("bool", ColumnType.BOOLEAN),
            Map.entry("int2", ColumnType.INT16),
            Map.entry("smallserial", ColumnType.INT16),
            Map.entry("int4", ColumnType.INT32),
            Map.entry("serial", ColumnType.INT32),
            Map.entry("int8", ColumnType.INT64),
            Map.entry("bigserial", ColumnType.INT64),
            Map.entry("float4", ColumnType.FLOAT32),
            Map.entry("float8", ColumnType.FLOAT64),
            Map.entry("numeric", ColumnType.DECIMAL),
            Map.entry("text", ColumnType.STRING),
            Map.entry("varchar", ColumnType.STRING),
            Map.entry("bpchar", ColumnType.STRING),
            Map.entry("char", ColumnType.STRING),
            Map.entry("citext", ColumnType.STRING),
            Map.entry("json", ColumnType.JSON),
            Map.entry("jsonb", ColumnType.JSON),
            Map.entry("bytea", ColumnType.BYTES),
            Map.entry("uuid", ColumnType.UUID),
            Map.entry("date", ColumnType.DATE),
            Map.entry("time", ColumnType.TIME),
            Map.entry("timestamp", ColumnType.TIMESTAMP),
            Map.entry("timestamptz", ColumnType.TIMESTAMPTZ));

    static final String SUPPORTED = "bool, int2, int4, int8, (small|big)serial, float4, float8, numeric, text, varchar, "
            + "char, bpchar, citext, json, jsonb, bytea, uuid, date, time, timestamp, timestamptz, enum types";

    private PostgresTypes() {
    }

    static ColumnDef columnDef(TableId table, NativeColumn column) throws UnsupportedColumnTypeException {
        ColumnType type = BY_NAME.get(column.typeName());
        if (type == null && isEnum(column)) {
            type = ColumnType.STRING;
        }
        if (type == null) {
            throw new UnsupportedColumnTypeException(table, column.name(), column.typeName(), SUPPORTED);
        }
        return new ColumnDef(column.name(), type, column.typeName(), column.nullable(), precision(type, column), scale(type, column));
    }

    /**
     * pgjdbc reports enum types as VARCHAR under their own name (schema-qualified when off the
     * search path). Text-like types it reports that way are carried as strings and bound untyped,
     * so the server converts them to the column's type.
     */
    private static boolean isEnum(NativeColumn column) {
        return column.jdbcType() == Types.VARCHAR;
    }

    /** Unconstrained numeric reports size 0; unbounded text reports {@link Integer#MAX_VALUE}. Both mean 0 here. */
    private static int precision(ColumnType type, NativeColumn column) {
        boolean sized = type == ColumnType.DECIMAL || type == ColumnType.STRING;
        return sized && column.size() > 0 && column.size() < Integer.MAX_VALUE ? column.size() : 0;
    }

    private static int scale(ColumnType type, NativeColumn column) {
        return type == ColumnType.DECIMAL && column.size() > 0 && column.decimalDigits() != null ? column.decimalDigits() : 0;
    }
}
