package dev.cutover.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.jdbc.NativeColumn;
import dev.cutover.jdbc.UnsupportedColumnTypeException;
import java.sql.Types;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The mapping of what pgjdbc's DatabaseMetaData reports (as seen on PostgreSQL 15) to portable types. */
class PostgresTypesTest {

    private static final TableId TABLE = new TableId("public", "things");
    private final PostgresDialect dialect = new PostgresDialect();

    @ParameterizedTest(name = "{0} (jdbc {1}, size {2}, digits {3}) -> {4}({5},{6})")
    @CsvSource(nullValues = "null", value = {
            "bool,          -7,  1,          0,    BOOLEAN,     0,  0",
            "int2,           5,  5,          0,    INT16,       0,  0",
            "smallserial,    5,  5,          0,    INT16,       0,  0",
            "int4,           4,  10,         0,    INT32,       0,  0",
            "serial,         4,  10,         0,    INT32,       0,  0",
            "int8,          -5,  19,         0,    INT64,       0,  0",
            "bigserial,     -5,  19,         0,    INT64,       0,  0",
            "float4,         7,  8,          8,    FLOAT32,     0,  0",
            "float8,         8,  17,         17,   FLOAT64,     0,  0",
            "numeric,        2,  10,         2,    DECIMAL,     10, 2",
            "numeric,        2,  0,          null, DECIMAL,     0,  0",
            "text,          12,  2147483647, 0,    STRING,      0,  0",
            "varchar,       12,  20,         0,    STRING,      20, 0",
            "varchar,       12,  2147483647, 0,    STRING,      0,  0",
            "bpchar,         1,  3,          0,    STRING,      3,  0",
            "char,           1,  1,          0,    STRING,      1,  0",
            "citext,      1111,  2147483647, 0,    STRING,      0,  0",
            "json,        1111,  2147483647, 0,    JSON,        0,  0",
            "jsonb,       1111,  2147483647, 0,    JSON,        0,  0",
            "bytea,         -2,  2147483647, 0,    BYTES,       0,  0",
            "uuid,        1111,  2147483647, 0,    UUID,        0,  0",
            "date,          91,  13,         0,    DATE,        0,  0",
            "time,          92,  15,         6,    TIME,        0,  0",
            "timestamp,     93,  29,         6,    TIMESTAMP,   0,  0",
            "timestamptz,   93,  35,         6,    TIMESTAMPTZ, 0,  0",
            "mood,          12,  2147483647, 0,    STRING,      0,  0",
            "'\"s2\".\"color\"', 12, 2147483647, 0, STRING,     0,  0",
    })
    void mapsNativeTypes(String typeName, int jdbcType, int size, Integer digits, ColumnType type, int precision, int scale)
            throws UnsupportedColumnTypeException {
        ColumnDef column = dialect.columnDef(TABLE, new NativeColumn("c", typeName, jdbcType, size, digits, true));

        assertThat(column).isEqualTo(new ColumnDef("c", type, typeName, true, precision, scale));
    }

    @Test
    void keepsNullability() throws UnsupportedColumnTypeException {
        assertThat(dialect.columnDef(TABLE, new NativeColumn("id", "int8", Types.BIGINT, 19, 0, false)).nullable()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"interval, 1111", "timetz, 92", "_int4, 2003", "point, 1111", "money, 8"})
    void rejectsTypesItCannotCarryNamingTableColumnAndType(String typeName, int jdbcType) {
        assertThatThrownBy(() -> dialect.columnDef(TABLE, new NativeColumn("odd", typeName, jdbcType, 0, null, true)))
                .isInstanceOf(UnsupportedColumnTypeException.class)
                .hasMessageContaining("column 'odd'")
                .hasMessageContaining("table public.things")
                .hasMessageContaining("type '" + typeName + "'");
    }
}
