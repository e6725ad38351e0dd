package dev.cutover.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.jdbc.ErrorCategory;
import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class PostgresErrorsTest {

    private final PostgresDialect dialect = new PostgresDialect();

    @ParameterizedTest(name = "{0} ({2}) -> {1}")
    @CsvSource({
            "08000, RETRIABLE,  connection exception",
            "08006, RETRIABLE,  connection failure",
            "08001, RETRIABLE,  cannot connect now",
            "40001, RETRIABLE,  serialization failure",
            "40P01, RETRIABLE,  deadlock detected",
            "55P03, RETRIABLE,  lock not available",
            "57014, RETRIABLE,  query canceled",
            "57P01, RETRIABLE,  admin shutdown",
            "57P02, RETRIABLE,  crash shutdown",
            "57P03, RETRIABLE,  cannot connect now",
            "53000, RETRIABLE,  insufficient resources",
            "53100, RETRIABLE,  disk full",
            "53300, RETRIABLE,  too many connections",
            "22001, REJECTABLE, string data right truncation",
            "22003, REJECTABLE, numeric value out of range",
            "22P02, REJECTABLE, invalid text representation",
            "23502, REJECTABLE, not null violation",
            "23503, REJECTABLE, foreign key violation",
            "23505, REJECTABLE, unique violation",
            "23514, REJECTABLE, check violation",
            "42P01, FATAL,      undefined table",
            "42703, FATAL,      undefined column",
            "42501, FATAL,      insufficient privilege",
            "42P10, FATAL,      no unique constraint matching ON CONFLICT",
            "28P01, FATAL,      invalid password",
            "28000, FATAL,      invalid authorization",
            "3D000, FATAL,      invalid catalog name",
            "40002, FATAL,      transaction integrity constraint violation",
            "21000, FATAL,      cardinality violation",
            "XX000, FATAL,      internal error",
    })
    void classifiesBySqlState(String sqlState, ErrorCategory expected, String meaning) {
        assertThat(dialect.classify(new SQLException(meaning, sqlState))).isEqualTo(expected);
    }

    @Test
    void classifiesABatchFailureByTheFailingStatementsError() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 <unknown> was aborted", null, new int[0]);
        batch.setNextException(new SQLException("check violation", "23514"));

        assertThat(dialect.classify(batch)).isEqualTo(ErrorCategory.REJECTABLE);
    }

    @Test
    void classifiesAnErrorWithoutStateByItsKind() {
        assertThat(dialect.classify(new SQLTransientConnectionException("pool exhausted"))).isEqualTo(ErrorCategory.RETRIABLE);
        assertThat(dialect.classify(new SQLException("mystery", null, new IOException("x")))).isEqualTo(ErrorCategory.FATAL);
    }

    @Test
    void describesWithStateAndPrimaryMessageButNotTheRowDetail() {
        PSQLException error = new PSQLException(new ServerErrorMessage(
                "SERROR\0C23514\0Mnew row for relation \"t\" violates check constraint \"t_v_check\"\0"
                        + "DFailing row contains (3, secret, -1).\0nt_v_check\0"));

        assertThat(dialect.describe(error))
                .isEqualTo("SQLState 23514: new row for relation \"t\" violates check constraint \"t_v_check\"");
    }

    @Test
    void describesADataExceptionWithoutTheValueQuotedAfterTheColon() {
        PSQLException error = new PSQLException(new ServerErrorMessage(
                "SERROR\0C22P02\0Minvalid input value for enum mood: \"secret\"\0"));

        assertThat(dialect.describe(error)).isEqualTo("SQLState 22P02: invalid input value for enum mood");
    }

    @Test
    void describesTheFailingStatementOfABatchNotTheBatchWrapper() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT ... ('secret') was aborted", "23505", new int[0]);
        batch.setNextException(new PSQLException(new ServerErrorMessage(
                "SERROR\0C23505\0Mduplicate key value violates unique constraint \"t_email_key\"\0DKey (email)=(secret) already exists.\0")));

        assertThat(dialect.describe(batch))
                .isEqualTo("SQLState 23505: duplicate key value violates unique constraint \"t_email_key\"")
                .doesNotContain("secret");
    }
}
