package dev.cutover.jdbc.mariadb;

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

class MariaDbTypesTest {

    private static final TableId TABLE = new TableId("shop", "things");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "tinyint(1)            | BOOLEAN",
            "tinyint(4)            | INT16",
            "tinyint(1) unsigned   | INT16",
            "tinyint(3) unsigned   | INT16",
            "smallint(6)           | INT16",
            "smallint(5) unsigned  | INT32",
            "mediumint(9)          | INT32",
            "mediumint(8) unsigned | INT32",
            "int(11)               | INT32",
            "int(10) unsigned      | INT64",
            "bigint(20)            | INT64",
            "bigint(20) unsigned   | DECIMAL",
            "year(4)               | INT16",
            "float                 | FLOAT32",
            "double                | FLOAT64",
            "double unsigned       | FLOAT64",
            "decimal(10,3)         | DECIMAL",
            "char(3)               | STRING",
            "varchar(50)           | STRING",
            "tinytext              | STRING",
            "text                  | STRING",
            "mediumtext            | STRING",
            "longtext              | STRING",
            "enum('a','b c')       | STRING",
            "set('x','y')          | STRING",
            "json                  | JSON",
            "binary(16)            | BYTES",
            "varbinary(10)         | BYTES",
            "tinyblob              | BYTES",
            "blob                  | BYTES",
            "mediumblob            | BYTES",
            "longblob              | BYTES",
            "uuid                  | UUID",
            "date                  | DATE",
            "time(6)               | TIME",
            "datetime(6)           | TIMESTAMP",
            "timestamp             | TIMESTAMPTZ",
            "TIMESTAMP(3)          | TIMESTAMPTZ",
    })
    void mapsNativeTypes(String nativeType, ColumnType expected) throws Exception {
        ColumnDef column = MariaDbTypes.columnDef(TABLE, new NativeColumn("c", nativeType, Types.OTHER, 0, null, true));

        assertThat(column.type()).isEqualTo(expected);
        assertThat(column.nativeType()).isEqualToIgnoringCase(nativeType);
    }

    @Test
    void keepsLengthsOfCharacterTypesAndDigitsOfDecimals() throws Exception {
        assertThat(MariaDbTypes.columnDef(TABLE, new NativeColumn("c", "varchar(50)", Types.VARCHAR, 50, null, false)))
                .isEqualTo(new ColumnDef("c", ColumnType.STRING, "varchar(50)", false, 50, 0));
        assertThat(MariaDbTypes.columnDef(TABLE, new NativeColumn("c", "text", Types.LONGVARCHAR, 65535, null, true)).precision())
                .as("text counts as unbounded").isZero();
        assertThat(MariaDbTypes.columnDef(TABLE, new NativeColumn("c", "decimal(12,2)", Types.DECIMAL, 12, 2, true)))
                .isEqualTo(new ColumnDef("c", ColumnType.DECIMAL, "decimal(12,2)", true, 12, 2));
        assertThat(MariaDbTypes.columnDef(TABLE, new NativeColumn("c", "bigint(20) unsigned", Types.BIGINT, 20, 0, true)))
                .isEqualTo(new ColumnDef("c", ColumnType.DECIMAL, "bigint(20) unsigned", true, 20, 0));
    }

    @ParameterizedTest
    @CsvSource({"bit(1)", "geometry", "point", "inet6", "inet4"})
    void refusesTypesItCannotCarryNamingTableColumnAndType(String nativeType) {
        assertThatThrownBy(() -> MariaDbTypes.columnDef(TABLE, new NativeColumn("shape", nativeType, Types.OTHER, 0, null, true)))
                .isInstanceOfSatisfying(UnsupportedColumnTypeException.class, e -> {
                    assertThat(e.table()).isEqualTo(TABLE);
                    assertThat(e.column()).isEqualTo("shape");
                    assertThat(e.nativeType()).isEqualTo(nativeType);
                })
                .hasMessageContaining("'shape'").hasMessageContaining("shop.things").hasMessageContaining("supported: tinyint(1)");
    }
}
