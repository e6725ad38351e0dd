package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MariaDbJdbcUrlTest {

    @Test
    void parsesHostPortAndDatabaseWithTheDefaultPort() {
        assertThat(MariaDbJdbcUrl.parse("jdbc:mariadb://db.example:3307/legacy")).isEqualTo(new MariaDbJdbcUrl("db.example", 3307, "legacy"));
        assertThat(MariaDbJdbcUrl.parse("jdbc:mariadb://127.0.0.1/app")).isEqualTo(new MariaDbJdbcUrl("127.0.0.1", 3306, "app"));
        assertThat(MariaDbJdbcUrl.parse("jdbc:mariadb://[::1]:3310/app")).isEqualTo(new MariaDbJdbcUrl("::1", 3310, "app"));
    }

    @Test
    void rejectsParametersWithoutRepeatingThemAndOtherForms() {
        assertThatThrownBy(() -> MariaDbJdbcUrl.parse("jdbc:mariadb://h/db?password=hunter2"))
                .hasMessageContaining("query parameters").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> MariaDbJdbcUrl.parse("jdbc:mariadb://h1,h2/db")).hasMessageContaining("not a JDBC URL");
        assertThatThrownBy(() -> MariaDbJdbcUrl.parse("jdbc:postgresql://h/db")).hasMessageContaining("jdbc:mariadb://host[:port]/database");
        assertThatThrownBy(() -> MariaDbJdbcUrl.parse(null)).hasMessageContaining("missing");
    }
}
