package dev.cutover.kafka;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Tables and changes shared by this module's tests. */
final class TestTables {

    static final TableId ALL_TYPES_TABLE = new TableId("public", "all_types");
    static final Instant COMMIT = Instant.parse("2024-03-01T10:15:30.123456Z");

    private TestTables() {
    }

    /** One NOT NULL and one nullable column of every type, keyed by {@code id}. */
    static TableSchema allTypes() {
        List<ColumnDef> columns = new ArrayList<>();
        columns.add(ColumnDef.of("id", ColumnType.INT64, "bigint", false));
        for (ColumnType type : ColumnType.values()) {
            String base = type.name().toLowerCase();
            int precision = type == ColumnType.DECIMAL ? 30 : 0;
            int scale = type == ColumnType.DECIMAL ? 6 : 0;
            columns.add(new ColumnDef("c_" + base, type, base, false, precision, scale));
            columns.add(new ColumnDef("n_" + base, type, base, true, precision, scale));
        }
        columns.add(ColumnDef.of("free_numeric", ColumnType.DECIMAL, "numeric", true));
        return new TableSchema(ALL_TYPES_TABLE, columns, List.of("id"));
    }

    /** A row of {@link #allTypes()} with awkward but legal values, nullable columns null. */
    static RowImage allTypesRow(long id) {
        RowImage.Builder row = RowImage.builder().put("id", id);
        row.put("c_boolean", true).put("n_boolean", null);
        row.put("c_int16", (short) -32768).put("n_int16", null);
        row.put("c_int32", Integer.MIN_VALUE).put("n_int32", null);
        row.put("c_int64", Long.MAX_VALUE).put("n_int64", null);
        row.put("c_float32", -1.5e-30f).put("n_float32", null);
        row.put("c_float64", Double.MAX_VALUE).put("n_float64", null);
        row.put("c_decimal", new BigDecimal("-123456789012345678901234.567891")).put("n_decimal", null);
        row.put("c_string", "Grüße, 世界 \uD83D\uDE00 'quoted' \"double\"").put("n_string", null);
        row.put("c_json", "{\"a\": [1, 2, {\"b\": null}], \"ü\": \"\\u0000\"}").put("n_json", null);
        row.put("c_bytes", new byte[] {0, -1, 127, -128, 42}).put("n_bytes", null);
        row.put("c_uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000")).put("n_uuid", null);
        row.put("c_date", LocalDate.of(1969, 12, 31)).put("n_date", null);
        row.put("c_time", LocalTime.of(23, 59, 59, 999_999_000)).put("n_time", null);
        row.put("c_timestamp", LocalDateTime.of(1960, 1, 1, 0, 0, 0, 1_000)).put("n_timestamp", null);
        row.put("c_timestamptz", Instant.parse("1969-12-31T23:59:59.999999Z")).put("n_timestamptz", null);
        row.put("free_numeric", new BigDecimal("3.14159265358979323846264338327950288419716939937510E+40"));
        return row.build();
    }

    /** A row of {@link #allTypes()} with every nullable column set too. */
    static RowImage allTypesRowWithoutNulls(long id) {
        RowImage.Builder row = RowImage.builder();
        allTypesRow(id).asMap().forEach((column, value) -> {
            Object v = value;
            if (column.startsWith("n_")) {
                v = allTypesRow(id).get("c_" + column.substring(2));
            }
            row.put(column, v);
        });
        row.put("n_decimal", new BigDecimal("0.000001"));
        row.put("n_int64", Long.MIN_VALUE);
        row.put("n_timestamptz", Instant.parse("2262-04-11T23:47:16.854775Z"));
        row.put("n_timestamp", LocalDateTime.of(2038, 1, 19, 3, 14, 8, 123_456_000));
        row.put("n_string", "");
        return row.build();
    }

    /** {@code row} with {@code column} set to {@code value}. */
    static RowImage with(RowImage row, String column, Object value) {
        Map<String, Object> values = new LinkedHashMap<>(row.asMap());
        values.put(column, value);
        return RowImage.of(values);
    }

    /** {@code row} without {@code columns}, as a source that did not log them leaves it. */
    static RowImage without(RowImage row, String... columns) {
        Map<String, Object> values = new LinkedHashMap<>(row.asMap());
        for (String column : columns) {
            values.remove(column);
        }
        return RowImage.of(values);
    }

    /** An update of {@link #allTypes()} without a before image, as PostgreSQL logs it under REPLICA IDENTITY DEFAULT. */
    static ChangeEvent update(RowImage after) {
        return ChangeEvent.update(SystemSide.LEGACY, ALL_TYPES_TABLE, List.of("id"), null, after, COMMIT,
                new SourcePosition("lsn", "0/16B3790"), "txid-772");
    }

    static ChangeEvent create(RowImage after) {
        return ChangeEvent.create(SystemSide.LEGACY, ALL_TYPES_TABLE, List.of("id"), after, COMMIT,
                new SourcePosition("lsn", "0/16B3748"), "txid-771");
    }
}
