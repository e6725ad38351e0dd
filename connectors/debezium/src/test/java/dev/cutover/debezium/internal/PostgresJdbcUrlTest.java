package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresJdbcUrlTest {

    @Test
    void parsesHostPortAndDatabase() {
        assertThat(PostgresJdbcUrl.parse("jdbc:postgresql://db.example:6543/legacy"))
                .isEqualTo(new PostgresJdbcUrl("db.example", 6543, "legacy"));
    }

    @Test
    void portDefaultsTo5432() {
        assertThat(PostgresJdbcUrl.parse("jdbc:postgresql://127.0.0.1/app")).isEqualTo(new PostgresJdbcUrl("127.0.0.1", 5432, "app"));
    }

    @Test
    void acceptsBracketedIpv6() {
        assertThat(PostgresJdbcUrl.parse("jdbc:postgresql://[::1]:5433/app")).isEqualTo(new PostgresJdbcUrl("::1", 5433, "app"));
    }

    @Test
    void refusesQueryParametersWithoutRepeatingThem() {
        assertThatThrownBy(() -> PostgresJdbcUrl.parse("jdbc:postgresql://h/db?password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query parameters")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void refusesOtherDrivers() {
        assertThatThrownBy(() -> PostgresJdbcUrl.parse("jdbc:mariadb://h:3306/db"))
                .hasMessageContaining("jdbc:postgresql://host[:port]/database");
    }

    @Test
    void refusesMissingDatabaseAndBadPort() {
        assertThatThrownBy(() -> PostgresJdbcUrl.parse("jdbc:postgresql://h:5432/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostgresJdbcUrl.parse("jdbc:postgresql://h:70000/db")).hasMessageContaining("port 70000");
        assertThatThrownBy(() -> PostgresJdbcUrl.parse(null)).hasMessageContaining("missing");
    }
}
