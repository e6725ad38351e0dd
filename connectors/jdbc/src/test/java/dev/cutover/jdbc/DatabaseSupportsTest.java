package dev.cutover.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.jdbc.mariadb.MariaDbDialect;
import dev.cutover.jdbc.postgres.PostgresDialect;
import org.junit.jupiter.api.Test;

class DatabaseSupportsTest {

    @Test
    void eachFamilyIsFoundByItsKeyAndByItsUrls() {
        assertThat(DatabaseSupports.all()).extracting(DatabaseSupport::family).containsExactly("postgresql", "mariadb");
        assertThat(DatabaseSupports.forFamily("postgresql")).get().extracting(DatabaseSupport::displayName).isEqualTo("PostgreSQL");
        assertThat(DatabaseSupports.forJdbcUrl("jdbc:postgresql://db/shop")).get().extracting(DatabaseSupport::dialect)
                .isInstanceOf(PostgresDialect.class);
        assertThat(DatabaseSupports.forJdbcUrl("jdbc:mariadb://db/shop")).get().extracting(DatabaseSupport::family).isEqualTo("mariadb");
        assertThat(DatabaseSupports.forFamily("mariadb")).get().extracting(DatabaseSupport::dialect).isInstanceOf(MariaDbDialect.class);
    }

    @Test
    void anUnknownFamilyOrUrlFindsNothing() {
        assertThat(DatabaseSupports.forFamily("oracle")).isEmpty();
        assertThat(DatabaseSupports.forJdbcUrl("jdbc:oracle:thin:@db:1521/x")).isEmpty();
    }

    @Test
    void aFamilyHandsOutOneDialect() {
        DatabaseSupport postgres = DatabaseSupports.forFamily("postgresql").orElseThrow();
        assertThat(postgres.dialect()).isSameAs(postgres.dialect());
    }
}
