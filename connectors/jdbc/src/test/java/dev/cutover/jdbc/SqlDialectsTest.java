package dev.cutover.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.jdbc.postgres.PostgresDialect;
import org.junit.jupiter.api.Test;

class SqlDialectsTest {

    @Test
    void findsThePostgresDialectThroughTheServiceLoader() {
        assertThat(SqlDialects.forJdbcUrl("jdbc:postgresql://127.0.0.1:5432/shop")).isInstanceOf(PostgresDialect.class);
    }

    @Test
    void rejectsAnUnknownUrlListingSupportedPrefixesWithoutEchoingTheUrl() {
        assertThatThrownBy(() -> SqlDialects.forJdbcUrl("jdbc:oracle:thin:@db:1521/x?password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'jdbc:oracle:...'")
                .hasMessageContaining("jdbc:postgresql:")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void listsSupportedPrefixes() {
        assertThat(SqlDialects.supportedPrefixes()).contains("jdbc:postgresql:");
    }
}
