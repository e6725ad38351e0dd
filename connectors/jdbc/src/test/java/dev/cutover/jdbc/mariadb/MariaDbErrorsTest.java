package dev.cutover.jdbc.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.jdbc.ErrorCategory;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MariaDbErrorsTest {

    private final MariaDbDialect dialect = new MariaDbDialect();

    @ParameterizedTest(name = "{0}/{1} ({3}) -> {2}")
    @CsvSource({
            "1213, 40001, RETRIABLE,  deadlock",
            "1205, HY000, RETRIABLE,  lock wait timeout",
            "1040, 08004, RETRIABLE,  too many connections",
            "1053, 08S01, RETRIABLE,  server shutdown",
            "1927, 70100, RETRIABLE,  connection killed",
            "1317, 70100, RETRIABLE,  query interrupted",
            "1969, 70100, RETRIABLE,  statement timeout",
            "0,    08000, RETRIABLE,  socket error in the driver",
            "1062, 23000, REJECTABLE, duplicate entry",
            "1048, 23000, REJECTABLE, column cannot be null",
            "1452, 23000, REJECTABLE, foreign key missing parent",
            "1451, 23000, REJECTABLE, foreign key row referenced",
            "4025, 23000, REJECTABLE, check constraint",
            "3819, HY000, REJECTABLE, MySQL check constraint",
            "1364, HY000, REJECTABLE, field without default",
            "1406, 22001, REJECTABLE, data too long",
            "1264, 22003, REJECTABLE, out of range",
            "1292, 22007, REJECTABLE, incorrect datetime",
            "1366, 22007, REJECTABLE, incorrect integer value",
            "1265, 01000, REJECTABLE, data truncated",
            "1146, 42S02, FATAL,      no such table",
            "1054, 42S22, FATAL,      unknown column",
            "1142, 42000, FATAL,      command denied",
            "1045, 28000, FATAL,      access denied",
            "1049, 42000, FATAL,      unknown database",
            "1290, HY000, FATAL,      read only",
    })
    void classifiesByErrorCodeThenSqlState(int code, String state, ErrorCategory expected, String what) {
        assertThat(dialect.classify(new SQLException(what, state, code))).isEqualTo(expected);
    }

    @Test
    void looksInsideBatchUpdateExceptions() {
        SQLException cause = new SQLException("(conn=7) Lock wait timeout exceeded; try restarting transaction", "HY000", 1205);
        BatchUpdateException batch = new BatchUpdateException("batch failed", null, 0, new int[0], cause);

        assertThat(dialect.classify(batch)).isEqualTo(ErrorCategory.RETRIABLE);
        assertThat(dialect.describe(batch)).isEqualTo("error 1205 (SQLState HY000), lock wait timeout: Lock wait timeout exceeded; try restarting transaction");
    }

    @Test
    void anErrorWithoutCodeOrStateIsRetriableOnlyWhenTransient() {
        assertThat(dialect.classify(new SQLTransientConnectionException("gone"))).isEqualTo(ErrorCategory.RETRIABLE);
        assertThat(dialect.classify(new SQLNonTransientConnectionException("bad"))).isEqualTo(ErrorCategory.FATAL);
        assertThat(dialect.classify(new SQLException("what"))).isEqualTo(ErrorCategory.FATAL);
    }

    @Test
    void describesWithoutTheRowValuesTheServerQuotes() {
        assertThat(dialect.describe(new SQLException("(conn=12) Duplicate entry 'ann's secret' for key 'PRIMARY'", "23000", 1062)))
                .isEqualTo("error 1062 (SQLState 23000): Duplicate entry for key 'PRIMARY'");
        assertThat(dialect.describe(new SQLException("Incorrect integer value: 'secret' for column `shop`.`t`.`n` at row 1", "22007", 1366)))
                .isEqualTo("error 1366 (SQLState 22007): Incorrect integer value for column `shop`.`t`.`n` at row 1");
        assertThat(dialect.describe(new SQLException("Truncated incorrect DOUBLE value: 'secret'", "22007", 1292)))
                .isEqualTo("error 1292 (SQLState 22007): Truncated incorrect DOUBLE value");
        assertThat(dialect.describe(new SQLException("CONSTRAINT `accounts.balance` failed for `shop`.`accounts`", "23000", 4025)))
                .isEqualTo("error 4025 (SQLState 23000), check constraint violated: CONSTRAINT `accounts.balance` failed for `shop`.`accounts`");
        assertThat(dialect.describe(new SQLException("Data too long for column 'name' at row 1\nmore", "22001", 1406)))
                .isEqualTo("error 1406 (SQLState 22001): Data too long for column 'name' at row 1");
    }
}
